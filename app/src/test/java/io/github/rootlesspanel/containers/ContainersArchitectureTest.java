package io.github.rootlesspanel.containers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Protobuf and gRPC stay inside the containers package: the rest of the panel sees records, strings and
 * {@link ContainerdException}, as it sees no dbus-java outside systemd.
 */
class ContainersArchitectureTest {

    private static final String BASE = "io.github.rootlesspanel";
    private static final String[] WIRE = {"com.google.protobuf..", "com.google.rpc..", "io.grpc.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                    .importPackages(BASE);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void onlyTheContainersPackageTalksGrpc() {
        assertThat(classes.contain(ContainerdClient.class)).isTrue();
        assertThat(classes.contain(BASE + ".containers.api.introspection.IntrospectionGrpc")).isTrue();
        noClasses().that().resideOutsideOfPackage(BASE + ".containers..")
                .should().dependOnClassesThat().resideInAnyPackage(WIRE)
                .because("ContainerdClient is the one port behind which containerd's gRPC API lives")
                .check(classes);
    }

    @Test
    void thePublicApiShowsNoProtobufOrGrpcType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : List.of(ContainerdClient.class, PluginInfo.class, PluginInfo.Status.class,
                ContainerdException.class, ContainerdException.Kind.class, ContainerInfo.class, TaskInfo.class,
                TaskInfo.Status.class, ContainerEvent.class, EventSubscription.class)) {
            List<Executable> members = new ArrayList<>(List.of(c.getConstructors()));
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == c) {
                    members.add(m);
                }
            }
            for (Executable m : members) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                types.addAll(List.of(m.getGenericExceptionTypes()));
                if (m instanceof Method method) {
                    types.add(method.getGenericReturnType());
                }
                for (Type t : types) {
                    if (isWire(t.getTypeName())) {
                        leaks.add(c.getSimpleName() + "." + m.getName() + ": " + t.getTypeName());
                    }
                }
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (isWire(rc.getGenericType().getTypeName())) {
                        leaks.add(c.getSimpleName() + "." + rc.getName());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static boolean isWire(String typeName) {
        return typeName.contains("com.google.protobuf.") || typeName.contains("com.google.rpc.")
                || typeName.contains("io.grpc.") || typeName.contains(".containers.api.");
    }
}
