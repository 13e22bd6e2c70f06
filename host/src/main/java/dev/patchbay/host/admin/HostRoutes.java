package dev.patchbay.host.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.pipeline.NoSuchPipelineException;
import dev.patchbay.host.pipeline.PipelineStateException;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.service.HostJson;
import dev.patchbay.host.service.HostStateException;
import dev.patchbay.host.service.HostView;
import dev.patchbay.host.service.NoSuchPluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The admin API's endpoints over a running {@link Host}: thin, every answer rendered by {@link HostJson}, every
 * command one call of the host. {@code /pipelines} and {@code /plugins} are rendered at most every
 * {@link RenderedCache#MAX_AGE} and again after every command ({@link RenderedCache}). The host's exceptions become statuses here: an unknown pipeline or plugin 404 with
 * the close matches, a command that conflicts with a state 409.
 */
public final class HostRoutes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HostRoutes() {
    }

    /**
     * The routes over {@code host}.
     *
     * @param more routes served beside them, such as {@code GET /metrics} and the web console's files
     */
    public static List<Route> of(Host host, List<Route> more) {
        Objects.requireNonNull(host, "host");
        RenderedCache pipelines = new RenderedCache(request -> Response.json(HostJson.pipelines(host.view())));
        RenderedCache plugins = new RenderedCache(request -> Response.json(HostJson.plugins(host.view())));
        // A command's effect is seen by the next read, not up to one cache age later.
        Runnable changed = () -> {
            pipelines.invalidate();
            plugins.invalidate();
        };
        List<Route> routes = new ArrayList<>();
        routes.add(Route.read("/health", request -> Response.json(NODES.objectNode().put("status", "UP"))));
        routes.add(Route.read("/ready", request -> ready(host.view())));
        routes.add(Route.read("/plugins", plugins::get));
        routes.add(Route.read("/plugins/{id}", request -> plugin(host.view(), request.parameter("id"))));
        routes.add(Route.read("/pipelines", pipelines::get));
        routes.add(Route.read("/pipelines/{name}", request -> {
            String name = request.parameter("name");
            HostView view = host.view();
            return Response.json(HostJson.pipeline(view, name).orElseThrow(() -> noSuchPipeline(view, name)));
        }));
        routes.add(pipelineCommand(host, "pause", host::pause, changed));
        routes.add(pipelineCommand(host, "resume", host::resume, changed));
        routes.add(pipelineCommand(host, "restart", host::restart, changed));
        routes.add(pipelineCommand(host, "stop", host::stop, changed));
        routes.add(Route.write("/plugins/{id}/enable", request -> pluginCommand(request, host::enablePlugin,
                changed)));
        routes.add(Route.write("/plugins/{id}/disable", request -> pluginCommand(request, host::disablePlugin,
                changed)));
        routes.add(Route.write("/plugins/{id}/reload", request -> pluginCommand(request, host::reloadPlugin,
                changed)));
        routes.add(Route.write("/shutdown", request -> {
            request.jsonObject();
            host.shutdown("shutdown requested through the admin API");
            return Response.json(202, NODES.objectNode().put("message",
                    "shutting down: every pipeline drains and commits, then the host exits"));
        }));
        routes.add(OpenApi.route());
        routes.addAll(more);
        return List.copyOf(routes);
    }

    private static Response ready(HostView view) {
        List<String> reasons = view.notReady();
        ObjectNode body = NODES.objectNode().put("ready", reasons.isEmpty());
        reasons.forEach(body.putArray("reasons")::add);
        if (reasons.isEmpty()) {
            body.putArray("reasons");
        }
        return Response.json(reasons.isEmpty() ? 200 : 503, body);
    }

    private static Response plugin(HostView view, String id) {
        PluginInfo plugin = view.plugin(id).orElseThrow(() -> {
            NoSuchPluginException e = new NoSuchPluginException(id, view.plugins().stream().map(PluginInfo::id)
                    .toList());
            return new AdminException(404, e.getMessage(), e.closeMatches());
        });
        return Response.json(HostJson.document().setAll(HostJson.plugin(plugin, Optional.empty())));
    }

    private static AdminException noSuchPipeline(HostView view, String name) {
        List<String> names = view.pipelines().pipelines().stream().map(RunSummary.PipelineSummary::name).toList();
        return new AdminException(404, "no pipeline '" + name + "'; " + CloseMatches.suggestion(name, names)
                + "the pipelines are " + names, CloseMatches.of(name, names));
    }

    private static Route pipelineCommand(Host host, String verb, Consumer<String> command, Runnable changed) {
        return Route.write("/pipelines/{name}/" + verb, request -> {
            request.jsonObject();
            String name = request.parameter("name");
            try {
                command.accept(name);
            } catch (NoSuchPipelineException e) {
                throw new AdminException(404, e.getMessage(), e.closeMatches());
            } catch (PipelineStateException | HostStateException e) {
                throw new AdminException(409, e.getMessage());
            }
            changed.run();
            HostView view = host.view();
            ObjectNode body = NODES.objectNode().put("pipeline", name);
            view.pipeline(name).ifPresent(p -> body.put("state", p.state()));
            body.put("message", "pipeline '" + name + "': " + verb + " requested");
            return Response.json(body);
        });
    }

    @FunctionalInterface
    private interface PluginCommand {
        String apply(String id);
    }

    private static Response pluginCommand(Request request, PluginCommand command, Runnable changed) {
        request.jsonObject();
        String id = request.parameter("id");
        String message;
        try {
            message = command.apply(id);
        } catch (NoSuchPluginException e) {
            throw new AdminException(404, e.getMessage(), e.closeMatches());
        } catch (HostStateException e) {
            throw new AdminException(409, e.getMessage());
        }
        changed.run();
        return Response.json(NODES.objectNode().put("plugin", id).put("message", message));
    }
}
