package io.github.rootlesspanel.containers;

import java.util.List;
import java.util.Objects;

/**
 * A new container as the "Run container" dialog asks for it: {@code nerdctl run -d [--name NAME] [-p ...]
 * [bypass4netns] IMAGE}.
 *
 * @param image        image reference, e.g. {@code docker.io/library/nginx:alpine}
 * @param name         the container's name; "" lets nerdctl choose
 * @param ports        ports to publish
 * @param bypass4netns create it with bypass4netns
 */
public record RunRequest(String image, String name, List<PortMapping> ports, boolean bypass4netns) {

    public RunRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        ports = List.copyOf(ports);
    }
}
