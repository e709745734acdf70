package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * What every Bazaar workload must satisfy: the Pod Security Standard "restricted" (non-root, no privilege escalation,
 * all capabilities dropped, RuntimeDefault seccomp) plus a read-only root filesystem with a writable /tmp, liveness and
 * readiness probes, resource requests and limits, and no host access.
 */
final class WorkloadPolicy {

    private WorkloadPolicy() {
    }

    static void assertRestricted(String workload, PodSpec pod) {
        PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
        assertThat(pod.getHostNetwork()).as(workload + " hostNetwork").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).as(workload + " hostPID").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).as(workload + " hostIPC").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).as(workload + " volumes").noneMatch(v -> v.getHostPath() != null);
        assertThat(podSecurity.getRunAsUser() == null || podSecurity.getRunAsUser() != 0L).as(workload
                + " pod runAsUser is not root").isTrue();

        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(pod.getInitContainers());
        assertThat(containers).as(workload + " containers").isNotEmpty();
        for (Container container : containers) {
            String where = workload + " container " + container.getName();
            SecurityContext security = container.getSecurityContext();
            assertThat(security).as(where + " securityContext").isNotNull();
            assertThat(Boolean.TRUE.equals(security.getRunAsNonRoot())
                    || Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())).as(where + " runAsNonRoot").isTrue();
            assertThat(security.getRunAsUser() == null || security.getRunAsUser() != 0L).as(where
                    + " runAsUser is not root").isTrue();
            assertThat(security.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(security.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation")
                    .isEqualTo(Boolean.FALSE);
            assertThat(security.getCapabilities()).as(where + " capabilities").isNotNull();
            assertThat(security.getCapabilities().getDrop()).as(where + " capabilities.drop").contains("ALL");
            assertThat(security.getCapabilities().getAdd()).as(where + " capabilities.add")
                    .allMatch("NET_BIND_SERVICE"::equals);
            String seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile().getType()
                    : podSecurity.getSeccompProfile() != null ? podSecurity.getSeccompProfile().getType() : null;
            assertThat(seccomp).as(where + " seccompProfile").isIn("RuntimeDefault", "Localhost");
            assertThat(security.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem")
                    .isEqualTo(Boolean.TRUE);
        }
        for (Container container : pod.getContainers()) {
            String where = workload + " container " + container.getName();
            assertThat(container.getVolumeMounts()).as(where + ": a writable /tmp on a read-only root")
                    .anySatisfy(mount -> {
                        assertThat(mount.getMountPath()).isEqualTo("/tmp");
                        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                                .findFirst().orElseThrow();
                        assertThat(volume.getEmptyDir()).isNotNull();
                    });
            assertHttpProbe(where + " livenessProbe", container.getLivenessProbe());
            assertHttpProbe(where + " readinessProbe", container.getReadinessProbe());
            assertThat(container.getResources()).as(where + " resources").isNotNull();
            assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
            assertThat(container.getImage()).as(where + " image tag").contains(":").doesNotEndWith(":latest");
        }
    }

    static void assertHttpProbe(String what, Probe probe) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + " httpGet").isNotNull();
        assertThat(probe.getPeriodSeconds()).as(what + " period").isNotNull().isPositive();
    }

    /** "20s", "1m", "PT20S" or "500ms" in seconds (rounded up). */
    static long seconds(String duration) {
        String value = duration.strip();
        if (value.startsWith("PT") || value.startsWith("pt")) {
            return (long) Math.ceil(java.time.Duration.parse(value).toMillis() / 1000.0);
        }
        if (value.endsWith("ms")) {
            return (long) Math.ceil(Long.parseLong(value.substring(0, value.length() - 2)) / 1000.0);
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> amount;
            case 'm' -> amount * 60;
            case 'h' -> amount * 3600;
            default -> throw new IllegalArgumentException("duration " + duration);
        };
    }
}
