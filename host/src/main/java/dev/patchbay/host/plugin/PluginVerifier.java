package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.List;

// TEMP placeholder (to be replaced by platform branch)
public final class PluginVerifier {

    public PluginVerifier() {
    }

    public List<PluginInfo> verify(List<Path> archives) {
        return archives.stream()
                .map(path -> new PluginInfo(path.getFileName().toString(), "", "", "", "", "*", List.of(), path,
                        PluginState.RESOLVED, List.of(), List.of()))
                .toList();
    }
}
