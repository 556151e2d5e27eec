/** The health probes ({@code /health/live}, {@code /health/ready}) in the shape Kubernetes and Keycloak's users expect. */
package io.latchkey.health;
