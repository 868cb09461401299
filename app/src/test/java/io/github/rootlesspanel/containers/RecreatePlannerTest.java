package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.checks.VersionNumber;
import io.github.rootlesspanel.setup.install.Step;

/**
 * The nerdctl argument lists that recreate a container, checked as data against a spec and labels written the way
 * nerdctl 2.x writes them for
 * {@code nerdctl run -d --name web -p 8080:80 -e GREETING="hello world" -w /srv -u 1000:1000 --restart=always
 * -v /home/u/site:/usr/share/nginx/html:ro -v data:/data --tmpfs /cache:size=64m --label com.example.team=web
 * --annotation com.example/owner=ops nginx:alpine nginx -g 'daemon off;'}.
 */
class RecreatePlannerTest {

    static final String ID = "3f1c2a9be07d4c51a8e6d2f0b9c8a7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5";
    static final String STATE = "/home/u/.local/share/nerdctl/1935db59/containers/default/" + ID;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    /** What nerdctl's create leaves in the spec: containerd's default mounts, its network files, HOSTNAME, hooks. */
    static final String SPEC = "{\n"
            + "  \"ociVersion\": \"1.1.0\",\n"
            + "  \"process\": {\"user\": {\"uid\": 1000, \"gid\": 1000, \"additionalGids\": [1000]},\n"
            + "    \"args\": [\"/docker-entrypoint.sh\", \"nginx\", \"-g\", \"daemon off;\"],\n"
            + "    \"env\": [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\", \"NGINX_VERSION=1.27.4\","
            + " \"GREETING=hello world\", \"HOSTNAME=3f1c2a9be07d\"],\n"
            + "    \"cwd\": \"/srv\", \"capabilities\": {\"bounding\": [\"CAP_CHOWN\"]}, \"noNewPrivileges\": true},\n"
            + "  \"root\": {\"path\": \"rootfs\"},\n"
            + "  \"hostname\": \"3f1c2a9be07d\",\n"
            + "  \"mounts\": [\n"
            + "    {\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\", \"options\": [\"nosuid\", \"noexec\", \"nodev\"]},\n"
            + "    {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\", \"options\": [\"nosuid\", \"strictatime\", \"mode=755\", \"size=65536k\"]},\n"
            + "    {\"destination\": \"/dev/pts\", \"type\": \"devpts\", \"source\": \"devpts\", \"options\": [\"nosuid\", \"noexec\"]},\n"
            + "    {\"destination\": \"/dev/shm\", \"type\": \"tmpfs\", \"source\": \"shm\", \"options\": [\"nosuid\", \"noexec\", \"nodev\"]},\n"
            + "    {\"destination\": \"/dev/mqueue\", \"type\": \"mqueue\", \"source\": \"mqueue\", \"options\": [\"nosuid\"]},\n"
            + "    {\"destination\": \"/sys\", \"type\": \"sysfs\", \"source\": \"sysfs\", \"options\": [\"nosuid\", \"ro\"]},\n"
            + "    {\"destination\": \"/sys/fs/cgroup\", \"type\": \"cgroup\", \"source\": \"cgroup\", \"options\": [\"ro\"]},\n"
            + "    {\"destination\": \"/etc/resolv.conf\", \"type\": \"bind\", \"source\": \"" + STATE + "/resolv.conf\", \"options\": [\"bind\", \"private\"]},\n"
            + "    {\"destination\": \"/etc/hosts\", \"type\": \"bind\", \"source\": \"/home/u/.local/share/nerdctl/1935db59/etchosts/default/" + ID + "/hosts\", \"options\": [\"bind\", \"private\"]},\n"
            + "    {\"destination\": \"/etc/hostname\", \"type\": \"bind\", \"source\": \"" + STATE + "/hostname\", \"options\": [\"bind\", \"private\"]},\n"
            + "    {\"destination\": \"/usr/share/nginx/html\", \"type\": \"bind\", \"source\": \"/home/u/site\", \"options\": [\"rbind\", \"ro\"]},\n"
            + "    {\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"/home/u/.local/share/nerdctl/1935db59/volumes/default/data/_data\", \"options\": [\"rbind\"]},\n"
            + "    {\"destination\": \"/cache\", \"type\": \"tmpfs\", \"source\": \"tmpfs\", \"options\": [\"noexec\", \"nosuid\", \"nodev\", \"size=64m\"]}\n"
            + "  ],\n"
            + "  \"hooks\": {\"createRuntime\": [{\"path\": \"/usr/local/bin/nerdctl\", \"args\": [\"/usr/local/bin/nerdctl\", \"internal\", \"oci-hook\", \"createRuntime\"]}]},\n"
            + "  \"annotations\": {\"com.example/owner\": \"ops\", \"nerdctl/name\": \"web\", \"nerdctl/networks\": \"[\\\"bridge\\\"]\","
            + " \"nerdctl/state-dir\": \"" + STATE + "\", \"io.containerd.image.config.stop-signal\": \"SIGQUIT\","
            + " \"org.opencontainers.image.base.name\": \"alpine\"},\n"
            + "  \"linux\": {\"sysctl\": {\"net.ipv4.ip_unprivileged_port_start\": \"0\"}, \"resources\": {\"devices\": [{\"allow\": false, \"access\": \"rwm\"}]},\n"
            + "    \"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"ipc\"}, {\"type\": \"uts\"}, {\"type\": \"mount\"}, {\"type\": \"network\"}]}\n"
            + "}\n";

    static Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("com.example.team", "web");
        l.put("containerd.io/restart.policy", "always");
        l.put("containerd.io/restart.status", "running");
        l.put("containerd.io/restart.loguri", "binary:///usr/local/bin/nerdctl?_NERDCTL_INTERNAL_LOGGING=x");
        l.put("io.containerd.image.config.stop-signal", "SIGQUIT");
        l.put("maintainer", "NGINX Docker Maintainers");   // from the image config
        l.put("nerdctl/name", "web");
        l.put("nerdctl/namespace", "default");
        l.put("nerdctl/networks", "[\"bridge\"]");
        l.put("nerdctl/hostname", "3f1c2a9be07d");
        l.put("nerdctl/domainname", "");
        l.put("nerdctl/extraHosts", "[\"db.local:10.4.0.9\"]");
        l.put("nerdctl/state-dir", STATE);
        l.put("nerdctl/platform", RecreatePlanner.hostPlatform());
        l.put("nerdctl/user", "1000:1000");
        l.put("nerdctl/log-uri", "binary:///usr/local/bin/nerdctl?_NERDCTL_INTERNAL_LOGGING=x");
        l.put("nerdctl/log-config", "{\"driver\":\"json-file\",\"address\":\"/run/containerd/containerd.sock\"}");
        l.put("nerdctl/host-config", "{\"BlkioWeight\":0,\"CidFile\":\"\",\"Devices\":null}");
        l.put("nerdctl/dns", "{\"DNSServers\":null,\"DNSResolvConfOptions\":null,\"DNSSearchDomains\":null}");
        l.put("nerdctl/mounts.0", "{\"Type\":\"bind\",\"Source\":\"/home/u/site\",\"Destination\":\"/usr/share/nginx/html\",\"Mode\":\"ro\",\"RW\":false,\"Propagation\":\"\"}");
        l.put("nerdctl/mounts.1", "{\"Type\":\"volume\",\"Name\":\"data\",\"Source\":\"/home/u/.local/share/nerdctl/1935db59/volumes/default/data/_data\",\"Destination\":\"/data\",\"Driver\":\"local\",\"Mode\":\"\",\"RW\":true,\"Propagation\":\"\"}");
        l.put("nerdctl/mounts.2", "{\"Type\":\"tmpfs\",\"Source\":\"tmpfs\",\"Destination\":\"/cache\",\"Mode\":\"noexec,nosuid,nodev,size=64m\",\"RW\":true,\"Propagation\":\"\"}");
        l.put("nerdctl/exposed-ports", "{\"80/tcp\":{}}");
        return l;
    }

    static ContainerView view(String spec, Map<String, String> labels, Optional<TaskInfo> task, List<PortMapping> ports) {
        OciSpec s = OciSpec.parse(spec.getBytes(StandardCharsets.UTF_8));
        ContainerInfo info = new ContainerInfo(ID, "default", "docker.io/library/nginx:alpine", labels, s, "overlayfs",
                Instant.parse("2026-03-01T00:00:00Z"), task);
        return new ContainerView(info, NerdctlMeta.of(labels), Bypass4netnsConfig.of(s.annotations(), labels), ports,
                List.of(), Optional.empty(), Optional.empty());
    }

    static final Optional<TaskInfo> RUNNING = Optional.of(new TaskInfo(4242, TaskInfo.Status.RUNNING, 0, Optional.empty()));
    static final List<PortMapping> PORTS = List.of(new PortMapping("0.0.0.0", 8080, 80, "tcp"),
            new PortMapping("127.0.0.1", 5353, 53, "udp"));

    static ContainerView web() {
        return view(SPEC, labels(), RUNNING, PORTS);
    }

    static RecreatePlanner planner(String version) {
        return new RecreatePlanner(new Nerdctl(Path.of("/usr/local/bin/nerdctl"), VersionNumber.find(version),
                new ProcessRunner(Map.of("PATH", "/nonexistent"))), CLOCK);
    }

    @Test
    void reproducesWhatTheUserAskedForAndNothingNerdctlAddedItself() {
        List<String> args = RecreatePlanner.runArgs(web(), "docker.io/library/nginx:alpine", true, true);
        System.out.println(Nerdctl.display(args));
        assertThat(args).startsWith("run", "-d", "--name=web")
                .contains("--entrypoint=/docker-entrypoint.sh",
                        "--env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "--env=NGINX_VERSION=1.27.4", "--env=GREETING=hello world",
                        "--workdir=/srv", "--user=1000:1000", "--network=bridge",
                        "-p=0.0.0.0:8080:80", "-p=127.0.0.1:5353:53/udp", "--add-host=db.local:10.4.0.9",
                        "--expose=80/tcp", "--restart=always", "--stop-signal=SIGQUIT",
                        "-v=/home/u/site:/usr/share/nginx/html:ro", "-v=data:/data",
                        "--tmpfs=/cache:noexec,nosuid,nodev,size=64m",
                        "--label=com.example.team=web", "--label=maintainer=NGINX Docker Maintainers",
                        "--annotation=com.example/owner=ops", "--annotation=nerdctl/bypass4netns=true")
                .endsWith("--", "docker.io/library/nginx:alpine", "nginx", "-g", "daemon off;");
        // nerdctl's own: HOSTNAME, the default hostname, its labels and annotations, default and network mounts
        assertThat(args).noneMatch(a -> a.startsWith("--env=HOSTNAME="))
                .noneMatch(a -> a.startsWith("--hostname"))
                .noneMatch(a -> a.startsWith("--label=nerdctl/") || a.startsWith("--label=containerd.io/")
                        || a.startsWith("--label=io.containerd."))
                .noneMatch(a -> a.startsWith("--annotation=nerdctl/name") || a.startsWith("--annotation=io.containerd.")
                        || a.startsWith("--annotation=org.opencontainers."))
                .noneMatch(a -> a.contains("/proc") || a.contains("/dev") || a.contains("/sys") || a.contains("/etc/"))
                .noneMatch(a -> a.startsWith("--platform") || a.startsWith("--log-driver") || a.startsWith("--memory"));
        // every flag is one word in --flag=value form, all before "--"
        List<String> flags = args.subList(0, args.indexOf("--"));
        assertThat(flags.subList(1, flags.size())).allMatch(a -> a.startsWith("-"));
        assertThat(flags).filteredOn(a -> a.startsWith("--") && !a.equals("--init") && !a.equals("--read-only")
                && !a.equals("--privileged")).allMatch(a -> a.contains("="));
    }

    @Test
    void disablingDropsEveryBypassKeyAndEnablingKeepsTheUsersTuning() {
        String spec = SPEC.replace("\"com.example/owner\": \"ops\",", "\"com.example/owner\": \"ops\", "
                + "\"nerdctl/bypass4netns\": \"true\", \"nerdctl/bypass4netns-ignore-subnets\": \"[\\\"192.168.0.0/16\\\"]\", "
                + "\"nerdctl/bypass4netns-ignore-bind\": \"true\",");
        Map<String, String> labels = labels();
        labels.put("nerdctl/bypass4netns", "true");   // the pre-2.0 label form, too
        ContainerView on = view(spec, labels, RUNNING, PORTS);
        assertThat(on.bypass().enabled()).isTrue();

        List<String> off = RecreatePlanner.runArgs(on, "img", false, true);
        assertThat(off).noneMatch(a -> a.contains("bypass4netns"));

        List<String> again = RecreatePlanner.runArgs(on, "img", true, true);
        assertThat(again).contains("--annotation=nerdctl/bypass4netns=true",
                "--annotation=nerdctl/bypass4netns-ignore-subnets=[\"192.168.0.0/16\"]",
                "--annotation=nerdctl/bypass4netns-ignore-bind=true");
        assertThat(again).filteredOn(a -> a.contains("nerdctl/bypass4netns=")).hasSize(1);
    }

    @Test
    void olderNerdctlGetsTheLabelForm() throws Exception {
        RecreatePlan plan = planner("nerdctl version 1.7.7").plan(web(), true, false);
        assertThat(plan.runArgs()).contains("--label=nerdctl/bypass4netns=true")
                .noneMatch(a -> a.startsWith("--annotation=nerdctl/"));
        assertThat(planner("nerdctl version 2.0.3").plan(web(), true, false).runArgs())
                .contains("--annotation=nerdctl/bypass4netns=true").doesNotContain("--label=nerdctl/bypass4netns=true");
    }

    @Test
    void awkwardValuesStaySingleWords() {
        String spec = SPEC.replace("\"GREETING=hello world\"", "\"GREETING=hello world\", \"MULTI=line one\\nline two\", "
                + "\"DASH=--not-a-flag\"").replace("\"daemon off;\"", "\"daemon off;\", \"--rm\", \"-it\"");
        Map<String, String> labels = labels();
        labels.put("com.example.note", "a b\nc");
        List<String> args = RecreatePlanner.runArgs(view(spec, labels, RUNNING, PORTS), "img", false, true);
        assertThat(args).contains("--env=MULTI=line one\nline two", "--env=DASH=--not-a-flag",
                "--label=com.example.note=a b\nc");
        assertThat(args.subList(args.indexOf("--"), args.size()))
                .containsExactly("--", "img", "nginx", "-g", "daemon off;", "--rm", "-it");
        // shown shell-quoted, run as words
        assertThat(Nerdctl.display(args)).contains("'--env=MULTI=line one\nline two'");
    }

    @Test
    void resourcesHostnameAndOtherSettingsCarry() {
        String spec = SPEC.replace("\"resources\": {\"devices\": [{\"allow\": false, \"access\": \"rwm\"}]}",
                "\"resources\": {\"memory\": {\"limit\": 268435456, \"swap\": 536870912}, "
                        + "\"cpu\": {\"quota\": 150000, \"period\": 100000, \"shares\": 512, \"cpus\": \"0-1\"}, "
                        + "\"pids\": {\"limit\": 100}}")
                .replace("\"root\": {\"path\": \"rootfs\"}", "\"root\": {\"path\": \"rootfs\", \"readonly\": true}")
                .replace("\"cwd\": \"/srv\",", "\"cwd\": \"/srv\", \"terminal\": true,");
        Map<String, String> labels = labels();
        labels.put("nerdctl/hostname", "www");
        labels.put("nerdctl/ip", "10.4.0.50");
        labels.put("nerdctl/mac-address", "02:42:0a:04:00:32");
        labels.put("nerdctl/dns", "{\"DNSServers\":[\"9.9.9.9\"],\"DNSResolvConfOptions\":[\"ndots:2\"],\"DNSSearchDomains\":[\"example.org\"]}");
        labels.put("containerd.io/restart.policy", "on-failure:3");
        List<String> args = RecreatePlanner.runArgs(view(spec, labels, RUNNING, PORTS), "img", false, true);
        assertThat(args).contains("-t", "--hostname=www", "--ip=10.4.0.50", "--mac-address=02:42:0a:04:00:32",
                "--dns=9.9.9.9", "--dns-search=example.org", "--dns-opt=ndots:2", "--restart=on-failure:3",
                "--memory=268435456", "--cpus=1.5", "--cpu-shares=512", "--cpuset-cpus=0-1", "--pids-limit=100",
                "--read-only");
        assertThat(args).noneMatch(a -> a.startsWith("--memory-swap"));   // nerdctl's default: twice the memory
    }

    @Test
    void notCarriedIsHonest() {
        List<String> notCarried = RecreatePlanner.notCarried(web());
        assertThat(notCarried.get(0)).contains("writable layer").contains("lost");
        assertThat(notCarried).anyMatch(s -> s.contains("capabilities"))
                .anyMatch(s -> s.contains("nerdctl logs"));

        Map<String, String> labels = labels();
        labels.put("nerdctl/anonymous-volumes", "[\"9c1e0f\"]");
        labels.put("nerdctl/healthcheck", "{\"Test\":[\"CMD-SHELL\",\"true\"]}");
        labels.put("nerdctl/pid-container", "0123456789ab");
        labels.put("nerdctl/mounts.3", "{\"Type\":\"image\",\"Source\":\"alpine\",\"Destination\":\"/img\",\"Mode\":\"ro\",\"RW\":false}");
        List<String> more = RecreatePlanner.notCarried(view(SPEC, labels, RUNNING, PORTS));
        assertThat(more).anyMatch(s -> s.contains("anonymous volumes") && s.contains("9c1e0f"))
                .anyMatch(s -> s.contains("health check"))
                .anyMatch(s -> s.contains("PID namespace") && s.contains("0123456789ab"))
                .anyMatch(s -> s.contains("image mount at /img"));
    }

    @Test
    void aContainerNotMadeByNerdctlIsRebuiltFromItsSpecAndSaysSo() {
        String spec = "{\"process\": {\"args\": [\"sleep\", \"300\"], \"env\": [\"PATH=/bin\"], \"cwd\": \"/\"},"
                + " \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"},"
                + " {\"destination\": \"/srv\", \"type\": \"bind\", \"source\": \"/home/u/srv\", \"options\": [\"rbind\", \"ro\"]},"
                + " {\"destination\": \"/weird\", \"type\": \"overlay\", \"source\": \"overlay\"}],"
                + " \"linux\": {\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"network\"}]}}";
        OciSpec s = OciSpec.parse(spec.getBytes(StandardCharsets.UTF_8));
        ContainerInfo info = new ContainerInfo("rp-plain", "k8s.io", "localhost/busybox:test", Map.of(), s, "overlayfs",
                Instant.EPOCH, Optional.empty());
        ContainerView c = new ContainerView(info, NerdctlMeta.of(Map.of()), Bypass4netnsConfig.OFF, List.of(), List.of(),
                Optional.empty(), Optional.empty());
        List<String> args = RecreatePlanner.runArgs(c, "localhost/busybox:test", false, true);
        assertThat(args).containsExactly("run", "-d", "--name=rp-plain", "--entrypoint=sleep", "--env=PATH=/bin",
                "-v=/home/u/srv:/srv:ro", "--", "localhost/busybox:test", "300");
        assertThat(RecreatePlanner.notCarried(c)).anyMatch(x -> x.contains("not created by nerdctl"))
                .anyMatch(x -> x.contains("overlay mount at /weird"));
        // a namespace other than nerdctl's default goes first
        assertThat(RecreatePlanner.global(c, "stop", "rp-plain")).containsExactly("--namespace=k8s.io", "stop", "--", "rp-plain");
    }

    @Test
    void thePlanIsTheTransactionInOrder() throws Exception {
        RecreatePlan plan = planner("nerdctl version 2.0.3").plan(web(), true, true);
        String image = "web-rp-commit:20260304050607";
        assertThat(plan.commitArgs()).contains(List.of("commit", "--", ID, image));
        assertThat(plan.commands()).hasSize(5);
        assertThat(plan.commands().get(0)).isEqualTo(List.of("commit", "--", ID, image));
        assertThat(plan.commands().get(1)).isEqualTo(List.of("stop", "--", ID));
        assertThat(plan.commands().get(2)).isEqualTo(List.of("rename", "--", ID, "web-rp-old-20260304050607"));
        assertThat(plan.commands().get(3)).isEqualTo(plan.runArgs());
        assertThat(plan.runArgs()).contains("--", image).doesNotContain("docker.io/library/nginx:alpine");
        assertThat(plan.commands().get(4)).isEqualTo(List.of("rm", "--", ID));

        List<Step> steps = plan.plan().steps();
        assertThat(steps).extracting(Step::title).containsExactly(
                "nerdctl commit -- " + ID + " " + image, "nerdctl stop -- " + ID,
                "nerdctl rename -- " + ID + " web-rp-old-20260304050607", Nerdctl.display(prepend(plan.runArgs())),
                "nerdctl rm -- " + ID);
        // stop, rename and run can be undone; commit and the final rm cannot
        assertThat(steps).extracting(st -> st.undo().isPresent()).containsExactly(false, true, true, true, false);
        assertThat(plan.plan().rollbackOnFailure()).isTrue();
        assertThat(plan.plan().actionLabel()).isEqualTo("Recreate");
        assertThat(plan.plan().attachmentTitle()).isEqualTo("nerdctl commands");
        // a rollback that could not run (containerd down): where the old container is and how to finish
        String afterRename = plan.unfinishedRollback(3);
        assertThat(afterRename).contains("may still be named web-rp-old-20260304050607 (not web)")
                .contains("a new container named web may be left over")
                .contains("nerdctl rename -- " + ID + " web\n").contains("nerdctl start -- " + ID + "\n");
        String beforeRename = plan.unfinishedRollback(2);
        assertThat(beforeRename).contains("is still named web").doesNotContain("nerdctl rename")
                .doesNotContain("left over").contains("nerdctl start -- " + ID + "\n");
        assertThat(plan.plan().unitFile()).contains(plan.commandText());
        assertThat(plan.commandText()).startsWith("nerdctl commit -- " + ID + " " + image + "\nnerdctl stop -- ");
        assertThat(plan.notCarried().get(0)).contains(image);
        assertThat(plan.carried()).contains("env GREETING=hello world", "port 0.0.0.0:8080->80/tcp", "restart always",
                "bypass4netns on", "volume data -> /data", "bind /home/u/site -> /usr/share/nginx/html (ro)");
    }

    @Test
    void aStoppedContainerIsNotStoppedFirst() throws Exception {
        ContainerView stopped = view(SPEC, labels(), Optional.of(new TaskInfo(0, TaskInfo.Status.STOPPED, 0,
                Optional.of(Instant.EPOCH))), List.of());
        RecreatePlan plan = planner("nerdctl version 2.0.3").plan(stopped, false, false);
        assertThat(plan.commands()).extracting(c -> c.get(0)).containsExactly("rename", "run", "rm");
        assertThat(plan.runArgs()).contains("docker.io/library/nginx:alpine").noneMatch(a -> a.contains("bypass4netns"));
        assertThat(plan.notCarried()).anyMatch(s -> s.contains("not running now"))
                .anyMatch(s -> s.contains("by name"));
    }

    @Test
    void refusesWhatCannotWork() {
        Map<String, String> host = labels();
        host.put("nerdctl/networks", "[\"host\"]");
        assertThatThrownBy(() -> planner("2.0.3").plan(view(SPEC, host, RUNNING, PORTS), true, false))
                .isInstanceOf(NerdctlException.class).hasMessageContaining("CNI network").hasMessageContaining("host");
        Map<String, String> odd = labels();
        odd.put("nerdctl/name", "-web");
        assertThatThrownBy(() -> planner("2.0.3").plan(view(SPEC, odd, RUNNING, PORTS), false, false))
                .isInstanceOf(NerdctlException.class).hasMessageContaining("-web");
    }

    @Test
    void runDialogAndStartStop() throws Exception {
        RecreatePlanner p = planner("nerdctl version 2.0.3");
        RunRequest r = new RunRequest("docker.io/library/nginx:alpine", "site", List.of(new PortMapping("", 8080, 80, "tcp")), true);
        assertThat(p.runArgs(r)).containsExactly("run", "-d", "--name=site", "-p=8080:80",
                "--annotation=nerdctl/bypass4netns=true", "--", "docker.io/library/nginx:alpine");
        assertThat(planner("1.7.7").runArgs(new RunRequest("-weird", "", List.of(), true)))
                .containsExactly("run", "-d", "--label=nerdctl/bypass4netns=true", "--", "-weird");
        assertThat(p.runPlan(r).steps()).extracting(Step::title)
                .containsExactly("nerdctl run -d --name=site -p=8080:80 --annotation=nerdctl/bypass4netns=true -- docker.io/library/nginx:alpine");
        assertThatThrownBy(() -> p.runPlan(new RunRequest(" ", "", List.of(), false))).isInstanceOf(NerdctlException.class);
        assertThatThrownBy(() -> p.runPlan(new RunRequest("nginx", "a b", List.of(), false)))
                .isInstanceOf(NerdctlException.class).hasMessageContaining("a b");
        assertThat(p.startPlan(web()).steps()).extracting(Step::title).containsExactly("nerdctl start -- " + ID);
        assertThat(p.stopPlan(web()).steps()).extracting(Step::title).containsExactly("nerdctl stop -- " + ID);
    }

    @Test
    void findsTheNewContainerByItsExactName() {
        String ps = "{\"ID\":\"" + ID + "\",\"Names\":\"web-rp-old-1\"}\n"
                + "{\"ID\":\"aaaa\",\"Names\":\"web\"}\n"
                + "time=\"x\" level=warning msg=\"noise\"\n"
                + "{\"ID\":\"webbbb\",\"Names\":\"other\"}\n";
        assertThat(RecreatePlanner.namedIn(ps, "web", ID)).containsExactly("aaaa");
        assertThat(RecreatePlanner.namedIn("{\"ID\":\"" + ID + "\",\"Names\":\"web\"}", "web", ID)).isEmpty();
        // the new container must be Up (nerdctl ps's Status) when the old one ran; "" when it is gone
        assertThat(RecreatePlanner.statusIn(ps.replace("\"Names\":\"web\"}", "\"Names\":\"web\",\"Status\":\"Created\"}"),
                "web", ID)).isEqualTo("Created");
        assertThat(RecreatePlanner.statusIn("{\"ID\":\"aaaa\",\"Names\":\"web\",\"Status\":\"Up\"}", "web", ID))
                .isEqualTo("Up");
        assertThat(RecreatePlanner.statusIn("{\"ID\":\"" + ID + "\",\"Names\":\"web\",\"Status\":\"Up\"}", "web", ID))
                .isEmpty();
        assertThat(RecreatePlanner.lastLine("time=\"2026\" level=fatal msg=\"name \\\"web\\\" is already used\""))
                .isEqualTo("name \"web\" is already used");
        assertThat(RecreatePlanner.repository("My_App.v2")).isEqualTo("my-app-v2");
    }

    @Test
    void aMountTheLabelDoesNotRecordIsCarriedFromTheSpec() {
        Map<String, String> l = labels();
        l.remove("nerdctl/mounts.2");   // the tmpfs: e.g. a label lost, or a mount added by other means
        List<String> args = RecreatePlanner.runArgs(view(SPEC, l, RUNNING, PORTS), "docker.io/library/nginx:alpine",
                true, true);
        assertThat(args).contains("-v=/home/u/site:/usr/share/nginx/html:ro", "-v=data:/data");
        assertThat(args).anyMatch(a -> a.startsWith("--tmpfs=/cache"));
        assertThat(args).filteredOn(a -> a.contains("/data")).hasSize(1);   // the volume once, by name
        assertThat(args).noneMatch(a -> a.contains("resolv.conf") || a.contains("/etc/hosts"));
    }

    private static List<String> prepend(List<String> args) {
        List<String> out = new ArrayList<>();
        out.add("nerdctl");
        out.addAll(args);
        return out;
    }
}
