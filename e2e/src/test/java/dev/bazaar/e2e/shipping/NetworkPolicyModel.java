package dev.bazaar.e2e.shipping;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Evaluates a namespace's NetworkPolicies the way Kubernetes does: a pod selected by any policy of a direction is
 * isolated in that direction and only what some rule allows gets through (rules add up, nothing subtracts).
 * Peers are described by their pod labels and, for other namespaces, by the namespace name; an ipBlock peer is
 * assumed to match every peer.
 */
final class NetworkPolicyModel {

    /** A pod: its labels, and its namespace's name ({@code null} for Bazaar's own namespace). */
    record Pod(Map<String, String> labels, String namespace) {

        static Pod named(String name) {
            return new Pod(Map.of("app.kubernetes.io/name", name), null);
        }

        static Pod inNamespace(String namespace, Map<String, String> labels) {
            return new Pod(labels, namespace);
        }
    }

    private final List<NetworkPolicy> policies;

    NetworkPolicyModel(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allowsEgress(Pod from, Pod to, String port, String protocol) {
        if (from.namespace() != null) {
            return true; // these policies govern Bazaar's namespace only
        }
        List<NetworkPolicy> isolating = policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), from))
                .filter(p -> p.getSpec().getPolicyTypes().contains("Egress")).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port, protocol) && peerMatches(rule.getTo(), to));
    }

    boolean allowsIngress(Pod to, Pod from, String port, String protocol) {
        if (to.namespace() != null) {
            return true;
        }
        List<NetworkPolicy> isolating = policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), to))
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress")).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port, protocol) && peerMatches(rule.getFrom(), from));
    }

    /** Both directions: the sender may send and the receiver may receive. */
    boolean allows(Pod from, Pod to, String port) {
        return allowsEgress(from, to, port, "TCP") && allowsIngress(to, from, port, "TCP");
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, String port, String protocol) {
        return ports.isEmpty() || ports.stream().anyMatch(p -> (p.getPort() == null
                || String.valueOf(p.getPort().getValue()).equals(port))
                && (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol));
    }

    private static boolean peerMatches(List<NetworkPolicyPeer> peers, Pod pod) {
        return peers.isEmpty() || peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                // Pods have no fixed addresses here, so a range may cover any of them (the ingress controller's
                // included): counted as letting every peer through, it cannot open a path unseen.
                return true;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null ? pod.namespace() == null
                    : selects(peer.getNamespaceSelector(), new Pod(Map.of("kubernetes.io/metadata.name",
                            pod.namespace() == null ? "bazaar" : pod.namespace()), null));
            boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), pod);
            return namespaceMatches && podMatches;
        });
    }

    static boolean selects(LabelSelector selector, Pod pod) {
        if (selector == null) {
            return true;
        }
        for (Map.Entry<String, String> label : selector.getMatchLabels().entrySet()) {
            if (!label.getValue().equals(pod.labels().get(label.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = pod.labels().get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException(requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A policy that selects every pod, isolates both directions and allows nothing. */
    static boolean isDefaultDenyAll(NetworkPolicy policy) {
        LabelSelector selector = policy.getSpec().getPodSelector();
        boolean everyPod = selector != null && selector.getMatchLabels().isEmpty()
                && selector.getMatchExpressions().isEmpty();
        return everyPod && policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && policy.getSpec().getIngress().isEmpty() && policy.getSpec().getEgress().isEmpty();
    }
}
