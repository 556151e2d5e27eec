package io.latchkey.mfa.authentications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.latchkey.flows.MultiFactor;
import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code mfa_device_authentications}. Each step reads the row's {@code version} and writes only if it is
 * unchanged, so of two concurrent steps on one transaction only one wins.
 */
final class DeviceAuthenticationStore {

    void insert(Handle h, DeviceAuthentication a) {
        h.createUpdate("""
                insert into mfa_device_authentications (id, environment_id, user_id, policy_id, status, devices,
                        selected_device_id, error_code, error_message, version, created_at, updated_at, expires_at)
                values (:id, :env, :user, :policy, :status, :devices, :selected, :errorCode, :errorMessage, 0,
                        :createdAt, :updatedAt, :expiresAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("user", a.userId())
                .bind("policy", a.policyId())
                .bind("status", a.status().name())
                .bind("devices", devicesJson(a.devices()))
                .bind("selected", a.selectedDeviceId())
                .bind("errorCode", a.errorCode())
                .bind("errorMessage", a.errorMessage())
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .bind("expiresAt", a.expiresAt())
                .execute();
    }

    Optional<Read> find(Handle h, String env, String id) {
        return h.createQuery("select * from mfa_device_authentications where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> new Read(row(rs), rs.getInt("version")))
                .findFirst();
    }

    /** The row and the version it was read at. */
    record Read(DeviceAuthentication authentication, int version) {}

    /** Writes {@code next} if the row is still at the version read; false when another request got there first. */
    boolean update(Handle h, DeviceAuthentication next, Read read) {
        return h.createUpdate("""
                update mfa_device_authentications
                set status = :status, selected_device_id = :selected, updated_at = :updatedAt, version = version + 1
                where environment_id = :env and id = :id and version = :version""")
                        .bind("status", next.status().name())
                        .bind("selected", next.selectedDeviceId())
                        .bind("updatedAt", next.updatedAt())
                        .bind("env", next.environmentId())
                        .bind("id", next.id())
                        .bind("version", read.version())
                        .execute()
                == 1;
    }

    private static String devicesJson(List<MultiFactor.Device> devices) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (MultiFactor.Device d : devices) {
            var n = out.addObject().put("id", d.id()).put("type", d.type());
            if (d.masked() != null) n.put("masked", d.masked());
        }
        return Json.write(out);
    }

    private static DeviceAuthentication row(ResultSet rs) throws SQLException {
        List<MultiFactor.Device> devices = new ArrayList<>();
        for (JsonNode n : Json.parse(rs.getString("devices"))) {
            devices.add(new MultiFactor.Device(
                    n.path("id").asText(),
                    n.path("type").asText(),
                    n.path("masked").asText(null)));
        }
        return new DeviceAuthentication(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("user_id"),
                rs.getString("policy_id"),
                DeviceAuthenticationStatus.valueOf(rs.getString("status")),
                devices,
                rs.getString("selected_device_id"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                rs.getLong("expires_at"));
    }
}
