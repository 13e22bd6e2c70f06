package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code =~}: the pattern is found somewhere in the field's text (strings as they are, numbers and
 * booleans in their usual text form). Null, bytes, lists, objects and an absent field never match.
 */
final class MatchCondition implements Condition {

    private final FieldRef field;
    // One matcher per processor, reset per record: processors run on one thread at a time.
    private final Matcher matcher;

    MatchCondition(FieldRef field, Pattern pattern) {
        this.field = field;
        this.matcher = pattern.matcher("");
    }

    @Override
    public boolean test(Row record) {
        int index = field.indexIn(record);
        if (index < 0) {
            return false;
        }
        Object value = record.value(index);
        CharSequence text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            text = value.toString();
        } else {
            return false;
        }
        return matcher.reset(text).find();
    }
}
