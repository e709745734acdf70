package dev.bazaar.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mutation fuzzing of what a consumer receives: the golden sample of every contract, mutated at random byte by byte
 * and node by node, must either decode to an envelope that maps to its record and encodes back to itself, or be
 * refused with {@link InvalidMessageException} (which sends it to the dead-letter queue with its reason). Any other
 * exception (a NullPointerException, ClassCastException, a stack overflow) would take down the batch instead. The
 * run is repeatable: {@code -Dbazaar.fuzz.seed} and {@code -Dbazaar.fuzz.cases} (per sample and kind) choose it, and a
 * failure names the seed and the input.
 */
class MessageCodecFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = Long.getLong("bazaar.fuzz.seed", 20261206L);
    private static final int CASES = Integer.getInteger("bazaar.fuzz.cases", 400);
    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "\uD800", "𝄞", "ß".repeat(5000), "null", "1e309",
        "-0", "9".repeat(400), "../../etc/passwd", "<script>", "\"}", "00000000-0000-0000-0000-000000000000"};

    private final MessageCodec codec = new MessageCodec();
    private final List<byte[]> samples = new ArrayList<>();

    MessageCodecFuzzTest() {
        for (String schemaId : ContractFiles.schemaIds(ContractFiles.SAMPLES)) {
            samples.add(ContractFiles.bytes(ContractFiles.SAMPLES, schemaId));
        }
    }

    @Test
    void byteMutationsOfEverySampleDecodeConsistentlyOrAreRefusedWithAReason() {
        Random random = new Random(SEED);
        int refused = 0;
        for (byte[] sample : samples) {
            for (int i = 0; i < CASES; i++) {
                refused += receive(mutateBytes(sample, random), "byte mutation " + i) ? 0 : 1;
            }
        }
        // the mutations are not all harmless: most of them must have been refused
        assertThat(refused).isGreaterThan(samples.size() * CASES / 4);
    }

    @Test
    void nodeMutationsOfEverySampleDecodeConsistentlyOrAreRefusedWithAReason() throws Exception {
        Random random = new Random(SEED + 1);
        int refused = 0;
        for (byte[] sample : samples) {
            for (int i = 0; i < CASES; i++) {
                JsonNode tree = JSON.readTree(sample);
                mutateNode(tree, random);
                refused += receive(JSON.writeValueAsBytes(tree), "node mutation " + i) ? 0 : 1;
            }
        }
        assertThat(refused).isGreaterThan(samples.size() * CASES / 10);
    }

    @Test
    void randomBytesAreRefusedWithAReason() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < CASES * 10; i++) {
            byte[] noise = new byte[random.nextInt(600)];
            random.nextBytes(noise);
            assertThat(receive(noise, "random bytes " + i)).as("noise decoded").isFalse();
        }
    }

    /** Decodes as a consumer does; true if it was accepted (and then consistent), false if refused with a reason. */
    private boolean receive(byte[] body, String what) {
        Envelope envelope;
        try {
            envelope = codec.decode(body);
        } catch (InvalidMessageException refused) {
            assertThat(refused.getMessage()).as("reason of %s", what).isNotBlank();
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return fail("%s (seed %d) failed with %s instead of a refusal; input: %s", what, SEED, e,
                    new String(body, StandardCharsets.UTF_8), e);
        }
        MessageType<?> contract = Contracts.find(envelope.type(), envelope.version()).orElseThrow();
        try {
            codec.payload(envelope, contract);
        } catch (InvalidMessageException refused) {
            return false;
        } catch (RuntimeException e) {
            return fail("%s (seed %d): payload mapping failed with %s; input: %s", what, SEED, e,
                    new String(body, StandardCharsets.UTF_8), e);
        }
        assertThat(codec.decode(codec.encode(envelope))).as("%s encodes back to itself", what).isEqualTo(envelope);
        return true;
    }

    private static byte[] mutateBytes(byte[] sample, Random random) {
        byte[] body = sample.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && body.length > 0; e++) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(5)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> body = Arrays.copyOf(body, at);
                case 2 -> body = splice(body, at, at + Math.min(body.length - at, 1 + random.nextInt(8)), new byte[0]);
                case 3 -> body = splice(body, at, at, "{}[]\",:-0e".substring(random.nextInt(10)).substring(0, 1)
                        .getBytes(StandardCharsets.UTF_8));
                default -> {
                    int from = random.nextInt(body.length);
                    int to = Math.min(body.length, from + 1 + random.nextInt(16));
                    body = splice(body, at, at, Arrays.copyOfRange(body, from, to));
                }
            }
        }
        return body;
    }

    private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
        byte[] result = new byte[body.length - (to - from) + insert.length];
        System.arraycopy(body, 0, result, 0, from);
        System.arraycopy(insert, 0, result, from, insert.length);
        System.arraycopy(body, to, result, from + insert.length, body.length - to);
        return result;
    }

    /** Replaces, removes or adds one node somewhere in the tree. */
    private static void mutateNode(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(5) == 0 ? "extra" + random.nextInt(3)
                    : names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomNode(random, 0));
            }
        } else if (target instanceof ArrayNode array) {
            if (!array.isEmpty() && random.nextBoolean()) {
                array.set(random.nextInt(array.size()), randomNode(random, 0));
            } else {
                array.add(randomNode(random, 0));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static JsonNode randomNode(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 7 : 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e" + (random.nextInt(800) - 400)));
            case 4 -> NODES.numberNode(random.nextDouble() * (random.nextBoolean() ? -1 : 1));
            case 5 -> NODES.textNode(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]);
            case 6 -> NODES.textNode(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                object.setAll(Map.of("k" + random.nextInt(3), randomNode(random, depth + 1)));
                yield object;
            }
        };
    }
}
