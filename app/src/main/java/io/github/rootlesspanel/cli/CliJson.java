package io.github.rootlesspanel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.setup.install.Plan;

/**
 * The JSON documents of {@code --json}: each one an object whose {@code "version"} is its schema version.
 * Fields are only ever added while the version stays; a change that breaks a reader bumps it.
 */
final class CliJson {

    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliJson() {
    }

    /** A new document, {@code "version"} first. */
    static ObjectNode document() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        return root;
    }

    static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A plan as {@code --dry-run --json} prints it: {@code {"title","unit","steps":[…],"notes":[…],
     * "attachmentTitle","attachment"}}; {@code unit} and {@code attachment} are null when there is none.
     */
    static ObjectNode plan(Plan plan) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("title", plan.title());
        n.put("unit", plan.unit().isEmpty() ? null : plan.unit());
        ArrayNode steps = n.putArray("steps");
        plan.steps().forEach(s -> steps.add(s.title()));
        ArrayNode notes = n.putArray("notes");
        plan.notes().forEach(notes::add);
        n.put("attachmentTitle", plan.attachmentTitle());
        n.put("attachment", plan.unitFile().orElse(null));
        return n;
    }
}
