package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The stored OCI spec as nerdctl 2.0 writes it for a rootless container. */
class OciSpecTest {

    /**
     * {@code nerdctl run -d --name web -p 8080:80 -m 256m --cpus 1.5 --pids-limit 100 -e GREETING=hi
     * --annotation nerdctl/bypass4netns=true --annotation nerdctl/bypass4netns-ignore-bind=true -v data:/data:ro
     * nginx:alpine} (abridged: fewer capabilities, devices and masked paths).
     */
    static final String NERDCTL_SPEC = """
            {
              "ociVersion": "1.1.0",
              "process": {
                "user": {"uid": 101, "gid": 101, "additionalGids": [101, 10]},
                "args": ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"],
                "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "NGINX_VERSION=1.27.3", "HOSTNAME=3f1b6c0e9a2d", "GREETING=hi"],
                "cwd": "/",
                "capabilities": {"bounding": ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
                                 "effective": ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
                                 "permitted": ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"]},
                "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1048576}],
                "noNewPrivileges": false,
                "apparmorProfile": "nerdctl-default",
                "oomScoreAdj": 0
              },
              "root": {"path": "rootfs"},
              "hostname": "3f1b6c0e9a2d",
              "mounts": [
                {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},
                {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
                {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
                {"destination": "/etc/resolv.conf", "type": "bind", "source": "/home/u/.local/share/nerdctl/1935db59/containers/default/3f1b6c0e9a2d4b7f8e5c1a0d2b3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d/resolv.conf", "options": ["bind", "rprivate"]},
                {"destination": "/data", "type": "none", "source": "/home/u/.local/share/nerdctl/1935db59/volumes/default/data/_data", "options": ["rbind", "ro"]}
              ],
              "hooks": {
                "createRuntime": [{"path": "/home/u/.local/bin/nerdctl", "args": ["/home/u/.local/bin/nerdctl", "--data-root=/home/u/.local/share/nerdctl", "internal", "oci-hook", "createRuntime"], "env": ["XDG_RUNTIME_DIR=/run/user/1000"]}],
                "postStop": [{"path": "/home/u/.local/bin/nerdctl", "args": ["/home/u/.local/bin/nerdctl", "--data-root=/home/u/.local/share/nerdctl", "internal", "oci-hook", "postStop"]}]
              },
              "annotations": {
                "nerdctl/bypass4netns": "true",
                "nerdctl/bypass4netns-ignore-bind": "true",
                "nerdctl/state-dir": "/home/u/.local/share/nerdctl/1935db59/containers/default/3f1b6c0e9a2d4b7f8e5c1a0d2b3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d",
                "nerdctl/platform": "linux/amd64"
              },
              "linux": {
                "resources": {
                  "devices": [{"allow": false, "access": "rwm"}],
                  "memory": {"limit": 268435456, "swap": 536870912},
                  "cpu": {"shares": 1024, "quota": 150000, "period": 100000},
                  "pids": {"limit": 100}
                },
                "cgroupsPath": "/default/3f1b6c0e9a2d4b7f8e5c1a0d2b3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d",
                "namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "network"}],
                "seccomp": {
                  "defaultAction": "SCMP_ACT_ERRNO",
                  "defaultErrnoRet": 1,
                  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                  "listenerPath": "/run/user/1000/bypass4netns/3f1b6c0e9a2d4b7.sock",
                  "syscalls": [
                    {"names": ["bind", "close", "connect", "setsockopt", "fcntl", "_exit", "exit_group", "getpeername"], "action": "SCMP_ACT_NOTIFY"},
                    {"names": ["accept", "accept4", "read", "write"], "action": "SCMP_ACT_ALLOW"}
                  ]
                },
                "maskedPaths": ["/proc/kcore"],
                "readonlyPaths": ["/proc/sys"]
              }
            }
            """;

    @Test
    void aNerdctlMadeSpec() {
        OciSpec s = OciSpec.parse(NERDCTL_SPEC.getBytes(StandardCharsets.UTF_8));
        assertThat(s.args()).containsExactly("/docker-entrypoint.sh", "nginx", "-g", "daemon off;");
        assertThat(s.env()).hasSize(4).contains("GREETING=hi");
        assertThat(s.envValue("GREETING")).contains("hi");
        assertThat(s.envValue("PATH")).contains("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        assertThat(s.envValue("GREET")).isEmpty();
        assertThat(s.cwd()).isEqualTo("/");
        assertThat(s.uid()).isEqualTo(101);
        assertThat(s.gid()).isEqualTo(101);
        assertThat(s.additionalGids()).containsExactly(101L, 10L);
        assertThat(s.terminal()).isFalse();
        assertThat(s.hostname()).isEqualTo("3f1b6c0e9a2d");
        assertThat(s.mounts()).hasSize(5);
        assertThat(s.mounts().get(4)).satisfies(m -> {
            assertThat(m.destination()).isEqualTo("/data");
            assertThat(m.type()).isEqualTo("none");
            assertThat(m.source()).endsWith("/volumes/default/data/_data");
            assertThat(m.readOnly()).isTrue();
        });
        assertThat(s.mounts().get(0).readOnly()).isFalse();
        assertThat(s.resources()).isEqualTo(new OciSpec.Resources(OptionalLong.of(268435456), OptionalLong.of(536870912),
                OptionalLong.of(150000), OptionalLong.of(100000), OptionalLong.of(1024), "", "", OptionalLong.of(100)));
        assertThat(s.annotations()).containsKeys("nerdctl/bypass4netns", "nerdctl/state-dir")
                .containsEntry("nerdctl/bypass4netns-ignore-bind", "true");
        assertThat(List.copyOf(s.annotations().keySet())).isSorted();
        assertThat(s.seccompListenerPath()).contains("/run/user/1000/bypass4netns/3f1b6c0e9a2d4b7.sock");
        assertThat(s.networkNamespacePath()).isEmpty();
        assertThat(s.sharesHostNetwork()).isFalse();
        assertThat(s.readonlyRootfs()).isFalse();

        Bypass4netnsConfig b = Bypass4netnsConfig.of(s.annotations(), java.util.Map.of());
        assertThat(b.enabled()).isTrue();
        assertThat(b.ignoreBind()).isTrue();
    }

    @Test
    void hostNetworkJoinedNetnsAndReadonlyRoot() {
        String host = "{\"process\":{\"args\":[\"sh\"],\"terminal\":true},\"root\":{\"path\":\"rootfs\",\"readonly\":true},"
                + "\"linux\":{\"namespaces\":[{\"type\":\"pid\"},{\"type\":\"mount\"}],"
                + "\"resources\":{\"cpu\":{\"cpus\":\"0-1\",\"mems\":\"0\"}}}}";
        OciSpec h = OciSpec.parse(host.getBytes(StandardCharsets.UTF_8));
        assertThat(h.sharesHostNetwork()).isTrue();
        assertThat(h.terminal()).isTrue();
        assertThat(h.readonlyRootfs()).isTrue();
        assertThat(h.resources().cpusetCpus()).isEqualTo("0-1");
        assertThat(h.resources().cpusetMems()).isEqualTo("0");
        assertThat(h.resources().memoryLimit()).isEmpty();
        assertThat(h.seccompListenerPath()).isEmpty();

        String joined = "{\"linux\":{\"namespaces\":[{\"type\":\"network\",\"path\":\"/proc/4242/ns/net\"}]}}";
        OciSpec j = OciSpec.parse(joined.getBytes(StandardCharsets.UTF_8));
        assertThat(j.sharesHostNetwork()).isFalse();
        assertThat(j.networkNamespacePath()).isEqualTo("/proc/4242/ns/net");

        // no linux section at all says nothing about the network
        assertThat(OciSpec.parse("{\"process\":{}}".getBytes(StandardCharsets.UTF_8)).sharesHostNetwork()).isFalse();
    }

    @Test
    void junkIsEmptyAndOddTypesAreSkipped() {
        assertThat(OciSpec.parse(null)).isEqualTo(OciSpec.EMPTY);
        assertThat(OciSpec.parse(new byte[0])).isEqualTo(OciSpec.EMPTY);
        assertThat(OciSpec.parse("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(OciSpec.EMPTY);
        assertThat(OciSpec.parse("[1,2]".getBytes(StandardCharsets.UTF_8))).isEqualTo(OciSpec.EMPTY);
        OciSpec odd = OciSpec.parse(("{\"process\":{\"args\":[\"a\",1,null,\"b\"],\"user\":{\"uid\":\"0\"},\"cwd\":5},"
                + "\"hostname\":7,\"mounts\":[\"x\",{\"destination\":\"/m\"}],\"annotations\":{\"a\":\"1\",\"b\":2},"
                + "\"linux\":{\"resources\":{\"memory\":{\"limit\":\"1g\"}},\"seccomp\":{\"listenerPath\":\"\"}}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(odd.args()).containsExactly("a", "b");
        assertThat(odd.uid()).isZero();
        assertThat(odd.cwd()).isEmpty();
        assertThat(odd.hostname()).isEmpty();
        assertThat(odd.mounts()).containsExactly(new OciSpec.Mount("/m", "", "", List.of()));
        assertThat(odd.annotations()).containsOnlyKeys("a");
        assertThat(odd.resources().memoryLimit()).isEmpty();
        assertThat(odd.seccompListenerPath()).isEqualTo(Optional.empty());
    }
}
