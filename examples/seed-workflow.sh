#!/usr/bin/env bash
# PingOne's "Show App Permissions in Token" workflow against a running Latchkey (or PingOne: the calls are the same).
#
#   BASE_URL=http://localhost:8080 ADMIN_ENV_ID=... ADMIN_CLIENT_ID=... ADMIN_CLIENT_SECRET=... examples/seed-workflow.sh
#
# Optional: ENV_ID (an existing environment to seed; default: a new SANDBOX environment is created),
#           API_URL (management base, default $BASE_URL/v1), AUTH_URL (auth base, default $BASE_URL).
# Walks the 17 steps of the reference workflow plus the PingOne Authorize steps (application resource, two
# permissions, a role holding one, the role given to the user), printing each step, and ends with the
# introspection of the user's access token: aud, scope and "p1.permissions": ["invoices:read"].
# Needs bash, curl and jq.
set -euo pipefail

: "${BASE_URL:?set BASE_URL, e.g. http://localhost:8080}"
: "${ADMIN_ENV_ID:?set ADMIN_ENV_ID (the administrators environment)}"
: "${ADMIN_CLIENT_ID:?set ADMIN_CLIENT_ID (the admin worker application)}"
: "${ADMIN_CLIENT_SECRET:?set ADMIN_CLIENT_SECRET}"
BASE_URL=${BASE_URL%/}
API_URL=${API_URL:-$BASE_URL/v1}
AUTH_URL=${AUTH_URL:-$BASE_URL}
for tool in curl jq; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

SUFFIX=$(date +%s)-$RANDOM
REDIRECT_URI="https://bizpro.example.com/callback"
USERNAME="reader-$SUFFIX"
PASSWORD="Bizpro-Invoices-2026!"
JAR=$(mktemp)
trap 'rm -f "$JAR"' EXIT

step() { printf '\n== %s\n' "$*" >&2; }

# request METHOD URL [BODY [CONTENT-TYPE]] -> prints the body; stops the script on an HTTP error.
request() {
  local method=$1 url=$2 body=${3:-} type=${4:-application/json} out code
  local args=(-sS -X "$method" -w '\n%{http_code}' -b "$JAR" -c "$JAR")
  [[ -n ${TOKEN:-} && $url == "$API_URL"* ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ -n $body ]] && args+=(-H "Content-Type: $type" --data "$body")
  out=$(curl "${args[@]}" "$url")
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if (( code >= 400 )); then
    echo "$method $url -> HTTP $code" >&2
    echo "$out" >&2
    exit 1
  fi
  printf '%s' "$out"
}
api() { request "$1" "$API_URL$2" "${3:-}" "${4:-application/json}"; }
show() { jq -c "${1:-.}" >&2; }
# pick_id FILTER: prints the summary FILTER of the JSON on stdin to the terminal and its id to stdout.
pick_id() { local json; json=$(cat); jq -c "$1" <<<"$json" >&2; jq -r .id <<<"$json"; }

step "admin token (client_credentials of the admin worker)"
TOKEN=$(curl -sS -f -u "$ADMIN_CLIENT_ID:$ADMIN_CLIENT_SECRET" -d grant_type=client_credentials \
  "$AUTH_URL/$ADMIN_ENV_ID/as/token" | jq -r .access_token)

if [[ -z ${ENV_ID:-} ]]; then
  step "environment"
  ENV_ID=$(api POST /environments "$(jq -n --arg n "Show permissions $SUFFIX" \
    '{name: $n, region: "NA", type: "SANDBOX", billOfMaterials: {products: [{type: "PING_ONE_BASE"}, {type: "PING_ONE_AUTHORIZE"}]}}')" \
    | pick_id '{id, name}')
fi
E=/environments/$ENV_ID

step "1. application (OIDC web app, client_secret_post)"
APP_ID=$(api POST "$E/applications" "$(jq -n --arg n "BizPro $SUFFIX" --arg r "$REDIRECT_URI" \
  '{name: $n, enabled: true, protocol: "OPENID_CONNECT", type: "WEB_APP", tokenEndpointAuthMethod: "CLIENT_SECRET_POST",
    grantTypes: ["AUTHORIZATION_CODE"], responseTypes: ["CODE"], redirectUris: [$r]}')" | pick_id '{id, name, type}')

step "2. application secret"
APP_SECRET=$(api GET "$E/applications/$APP_ID/secret" | jq -r .secret)
echo "secret: ${APP_SECRET:0:6}..." >&2

step "3. custom resource with applicationPermissionsSettings.claimEnabled"
AUDIENCE="https://invoices-$SUFFIX.example.com"
RESOURCE_ID=$(api POST "$E/resources" "$(jq -n --arg n "BizPro Invoices API $SUFFIX" --arg a "$AUDIENCE" \
  '{name: $n, audience: $a, applicationPermissionsSettings: {claimEnabled: true}}')" \
  | pick_id '{id, name, audience, applicationPermissionsSettings}')

step "4. scope of the resource"
SCOPE_ID=$(api POST "$E/resources/$RESOURCE_ID/scopes" '{"name": "invoices"}' | pick_id '{id, name}')

step "5. grant of the scope to the application"
api POST "$E/applications/$APP_ID/grants" "$(jq -n --arg r "$RESOURCE_ID" --arg s "$SCOPE_ID" \
  '{resource: {id: $r}, scopes: [{id: $s}]}')" | show '{id, resource, scopes}'

step "PingOne Authorize: application resource under the custom resource"
AR_ID=$(api POST "$E/resources/$RESOURCE_ID/applicationResources" '{"name": "invoices", "description": "BizPro invoices"}' \
  | pick_id '{id, name, parent}')

step "PingOne Authorize: two permissions of the application resource"
READ_ID=$(api POST "$E/applicationResources/$AR_ID/permissions" '{"action": "read", "description": "Read invoices"}' \
  | pick_id '{id, key}')
api POST "$E/applicationResources/$AR_ID/permissions" '{"action": "write", "description": "Write invoices"}' | show '{id, key}'

step "PingOne Authorize: application role"
ROLE_ID=$(api POST "$E/applicationRoles" '{"name": "Invoice Reader", "description": "Reads invoices"}' \
  | pick_id '{id, name}')

step "PingOne Authorize: the role holds the read permission"
api POST "$E/applicationRoles/$ROLE_ID/permissions" "$(jq -n --arg p "$READ_ID" '{id: $p}')" | show '{id, key}'

step "6. sign-on policy"
POLICY_ID=$(api POST "$E/signOnPolicies" "$(jq -n --arg n "Login_$SUFFIX" '{name: $n}')" | pick_id '{id, name}')

step "7. LOGIN action of the policy"
api POST "$E/signOnPolicies/$POLICY_ID/actions" '{"priority": 1, "type": "LOGIN"}' | show '{id, type, priority}'

step "8. policy assigned to the application"
api POST "$E/applications/$APP_ID/signOnPolicyAssignments" "$(jq -n --arg p "$POLICY_ID" \
  '{signOnPolicy: {id: $p}, priority: 1}')" | show '{id, priority}'

step "9. population"
POPULATION_ID=$(api POST "$E/populations" "$(jq -n --arg n "Customers $SUFFIX" '{name: $n}')" | pick_id '{id, name}')

step "10. user"
USER_ID=$(api POST "$E/users" "$(jq -n --arg u "$USERNAME" --arg p "$POPULATION_ID" \
  '{username: $u, email: ($u + "@example.com"), population: {id: $p}, name: {given: "Rita", family: "Reader"}}')" \
  | pick_id '{id, username}')

step "11. user password"
api PUT "$E/users/$USER_ID/password" "$(jq -n --arg p "$PASSWORD" '{value: $p, forceChange: false}')" \
  application/vnd.pingidentity.password.set+json | show '{status}'

step "PingOne Authorize: the role given to the user"
api POST "$E/users/$USER_ID/applicationRoles" "$(jq -n --arg r "$ROLE_ID" '{id: $r}')" | show '{id, name}'

step "12. authorize (response_mode=pi.flow)"
FLOW_ID=$(request GET "$AUTH_URL/$ENV_ID/as/authorize?response_type=code&client_id=$APP_ID&redirect_uri=$(jq -rn --arg r "$REDIRECT_URI" '$r|@uri')&scope=openid%20invoices&state=seed&response_mode=pi.flow" \
  | pick_id '{id, status}')

step "13. read the flow"
request GET "$AUTH_URL/$ENV_ID/flows/$FLOW_ID" | show '{id, status, actions: (._links | keys)}'

step "14. submit username and password"
request POST "$AUTH_URL/$ENV_ID/flows/$FLOW_ID" "$(jq -n --arg u "$USERNAME" --arg p "$PASSWORD" '{username: $u, password: $p}')" \
  application/vnd.pingidentity.usernamePassword.check+json | show '{id, status}'

step "15. resume"
CODE=$(request GET "$AUTH_URL/$ENV_ID/as/resume?flowId=$FLOW_ID" | jq -r .authorizeResponse.code)
echo "code: ${CODE:0:8}..." >&2

step "16. token (authorization_code)"
ACCESS_TOKEN=$(curl -sS -f -d grant_type=authorization_code --data-urlencode "code=$CODE" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" -d "client_id=$APP_ID" --data-urlencode "client_secret=$APP_SECRET" \
  "$AUTH_URL/$ENV_ID/as/token" | jq -r .access_token)

step "17. introspection by the application"
curl -sS -f --data-urlencode "token=$ACCESS_TOKEN" -d "client_id=$APP_ID" --data-urlencode "client_secret=$APP_SECRET" \
  "$AUTH_URL/$ENV_ID/as/introspect" | jq .
