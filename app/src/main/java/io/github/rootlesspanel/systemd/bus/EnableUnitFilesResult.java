package io.github.rootlesspanel.systemd.bus;

import java.util.List;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** The {@code (b carries_install_info, a(sss) changes)} reply of EnableUnitFiles. */
public final class EnableUnitFilesResult extends Tuple {
    @Position(0) public final Boolean carriesInstallInfo;
    @Position(1) public final List<UnitFileChange> changes;

    public EnableUnitFilesResult(Boolean carriesInstallInfo, List<UnitFileChange> changes) {
        this.carriesInstallInfo = carriesInstallInfo;
        this.changes = changes;
    }
}
