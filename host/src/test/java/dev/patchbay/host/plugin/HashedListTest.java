package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The list behind pf4j's resolved plugins answers like an ArrayList, with a hashed contains. */
class HashedListTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void randomChangesLeaveItEqualToAnArrayList(long seed) {
        Random random = new Random(seed);
        List<String> expected = new ArrayList<>();
        List<String> actual = new PatchbayPluginManager.HashedList<>();
        for (int step = 0; step < 2000; step++) {
            String element = "p" + random.nextInt(40);
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    expected.add(element);
                    actual.add(element);
                }
                case 2 -> assertThat(actual.remove(element)).isEqualTo(expected.remove(element));
                case 3 -> {
                    if (!expected.isEmpty()) {
                        int index = random.nextInt(expected.size());
                        assertThat(actual.set(index, element)).isEqualTo(expected.set(index, element));
                    }
                }
                case 4 -> {
                    if (!expected.isEmpty()) {
                        int index = random.nextInt(expected.size());
                        assertThat(actual.remove(index)).isEqualTo(expected.remove(index));
                    }
                }
                default -> {
                    removeThroughIterator(expected, element);
                    removeThroughIterator(actual, element);
                }
            }
            assertThat(actual).containsExactlyElementsOf(expected);
            for (int i = 0; i < 40; i++) {
                assertThat(actual.contains("p" + i)).isEqualTo(expected.contains("p" + i));
            }
        }
    }

    @Test
    void removingAnElementRemovesTheFirstOccurrenceLikeAnArrayList() {
        List<String> list = new PatchbayPluginManager.HashedList<>();
        list.addAll(List.of("a", "b", "a", "c"));

        assertThat(list.remove("a")).isTrue();
        assertThat(list).containsExactly("b", "a", "c");
        assertThat(list.contains("a")).isTrue();
        assertThat(list.remove("a")).isTrue();
        assertThat(list.contains("a")).isFalse();
        assertThat(list.remove("a")).isFalse();
        list.clear();
        assertThat(list.contains("b")).isFalse();
    }

    private static void removeThroughIterator(List<String> list, String element) {
        Iterator<String> iterator = list.iterator();
        while (iterator.hasNext()) {
            if (iterator.next().equals(element)) {
                iterator.remove();
                return;
            }
        }
    }
}
