package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


/**
 * An order's saga log as an operator reads it: each step with the service on the other side, the message type and
 * whether it met its deadline. The deadline of a reservation is the time its command was sent plus the configured
 * step deadline, the same sum the saga stored when it sent it. Pure Java: the step names are the saga's own
 * ("sent stock.reserve", "received credit.reserved", "PENDING -> STOCK_RESERVED", "deadline passed", ...).
 */
public final class SagaTimeline {

    /**
     * One step.
     *
     * @param kind        placed, sent, received, ignored, late, transition, deadline or note
     * @param service     the service a message went to or came from; ordering for its own transitions
     * @param deadline    for a reservation command and its reply: when the reply was due
     * @param deadlineMet for a reservation command and its reply: whether the reply came in time; null while it is
     *                    still awaited and not yet due; false for a step that records a passed deadline
     */
    public record Entry(Instant at, String step, String kind, String service, String messageType, UUID messageId,
            String detail, Instant deadline, Boolean deadlineMet) {
    }

    private SagaTimeline() {
    }

    public static List<Entry> of(List<SagaStep> steps, SagaDeadlines deadlines, Instant now) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            SagaStep step = steps.get(i);
            String name = step.step();
            String kind = kind(name);
            String type = switch (kind) {
                case "sent", "received", "ignored", "late" -> name.substring(name.indexOf(' ') + 1);
                case "placed" -> step.messageId() == null ? null : "cart.checked-out";
                default -> null;
            };
            String service = type == null ? (kind.equals("placed") && step.messageId() != null ? "cart" : "ordering")
                    : serviceOf(type);
            Instant deadline = null;
            Boolean met = null;
            if (kind.equals("deadline")) {
                met = false;
            } else if (kind.equals("sent") && isReservation(type)) {
                deadline = step.at().plus(type.startsWith("stock.") ? deadlines.stock() : deadlines.credit());
                SagaStep answer = answerAfter(steps, i, type.substring(0, type.indexOf('.')));
                if (answer == null) {
                    met = now.isAfter(deadline) ? Boolean.FALSE : null;
                } else {
                    met = !answer.step().equals("deadline passed") && !answer.at().isAfter(deadline);
                }
            } else if (kind.equals("received") && isReservationReply(type)) {
                Instant sent = sentBefore(steps, i, type.startsWith("stock.") ? "sent stock.reserve"
                        : "sent credit.reserve");
                if (sent != null) {
                    deadline = sent.plus(type.startsWith("stock.") ? deadlines.stock() : deadlines.credit());
                    met = !step.at().isAfter(deadline);
                }
            } else if (kind.equals("late")) {
                met = false;
            }
            entries.add(new Entry(step.at(), name, kind, service, type, step.messageId(), step.detail(), deadline,
                    met));
        }
        return entries;
    }

    private static String kind(String step) {
        if (step.equals("order placed")) {
            return "placed";
        }
        if (step.equals("deadline passed")) {
            return "deadline";
        }
        for (String prefix : List.of("sent", "received", "ignored", "late")) {
            if (step.startsWith(prefix + " ")) {
                return prefix;
            }
        }
        return step.contains(" -> ") ? "transition" : "note";
    }

    /** Who is on the other side of a message type: commands go to and replies come from their participant. */
    static String serviceOf(String type) {
        if (type.startsWith("stock.") || type.startsWith("product.")) {
            return "catalog";
        }
        if (type.startsWith("credit.") || type.startsWith("user.")) {
            return "user";
        }
        if (type.startsWith("cart.") || type.startsWith("order.")) {
            return "cart";
        }
        return "ordering";
    }

    private static boolean isReservation(String type) {
        return "stock.reserve".equals(type) || "credit.reserve".equals(type);
    }

    private static boolean isReservationReply(String type) {
        return List.of("stock.reserved", "stock.rejected", "credit.reserved", "credit.rejected").contains(type);
    }

    /**
     * The first step after the reservation sent at {@code index} that settles it: its reply ("received
     * stock.reserved" or "received stock.rejected" for {@code participant} stock), or a passed deadline.
     */
    private static SagaStep answerAfter(List<SagaStep> steps, int index, String participant) {
        for (int j = index + 1; j < steps.size(); j++) {
            String name = steps.get(j).step();
            if (name.equals("deadline passed") || name.equals("received " + participant + ".reserved")
                    || name.equals("received " + participant + ".rejected")) {
                return steps.get(j);
            }
        }
        return null;
    }

    private static Instant sentBefore(List<SagaStep> steps, int index, String sent) {
        for (int j = index - 1; j >= 0; j--) {
            if (steps.get(j).step().equals(sent)) {
                return steps.get(j).at();
            }
        }
        return null;
    }
}
