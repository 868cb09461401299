package io.github.rootlesspanel.ui.rootlesskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.ui.common.Messages;

/** The form's texts of each variable are looked up by a built key, which TranslationsTest cannot see. */
class RootlessKitTextsTest {

    @Test
    void everyVariableHasALabelAnExplanationAndADefaultInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        Stream.concat(Stream.of(Locale.ENGLISH), Messages.TRANSLATIONS.stream()).forEach(locale -> {
            ResourceBundle b = Messages.load(locale);
            for (Variable v : Variable.values()) {
                for (String part : List.of("label", "explanation", "default")) {
                    String key = "rootlesskit.var." + v.name() + "." + part;
                    if (!b.containsKey(key)) {
                        missing.add(locale + ": " + key);
                    }
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void theEnglishFormTextsAreTheVariablesOwn() {
        Messages.use(Locale.ENGLISH);
        for (Variable v : Variable.values()) {
            assertThat(RootlessKitViewModel.label(v)).isEqualTo(v.label());
            assertThat(RootlessKitViewModel.explanation(v)).isEqualTo(v.explanation());
            assertThat(RootlessKitViewModel.defaultDescription(v)).isEqualTo(v.defaultDescription());
        }
    }
}
