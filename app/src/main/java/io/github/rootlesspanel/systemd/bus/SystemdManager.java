package io.github.rootlesspanel.systemd.bus;

import java.util.List;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * The raw {@code org.freedesktop.systemd1.Manager} interface, trimmed to what the panel calls.
 * D-Bus casing lives only in this package; everything above it sees records and enums.
 */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface SystemdManager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";

    DBusPath GetUnit(String name);

    DBusPath LoadUnit(String name);

    List<UnitInfo> ListUnitsByNames(List<String> names);

    DBusPath StartUnit(String name, String mode);

    DBusPath StopUnit(String name, String mode);

    DBusPath RestartUnit(String name, String mode);

    void ResetFailedUnit(String name);

    EnableUnitFilesResult EnableUnitFiles(List<String> files, boolean runtime, boolean force);

    List<UnitFileChange> DisableUnitFiles(List<String> files, boolean runtime);

    String GetUnitFileState(String file);

    void Reload();

    void Subscribe();

    void Unsubscribe();

    /** {@code UnitNew(s id, o unit)}: a unit was loaded into memory. */
    class UnitNew extends DBusSignal {
        private final String id;

        public UnitNew(String path, String id, DBusPath unit) throws DBusException {
            super(path, id, unit);
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** {@code UnitRemoved(s id, o unit)}: a unit was unloaded (also for every unit during a reload). */
    class UnitRemoved extends DBusSignal {
        private final String id;

        public UnitRemoved(String path, String id, DBusPath unit) throws DBusException {
            super(path, id, unit);
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** {@code JobRemoved(u id, o job, s unit, s result)}: the only trustworthy end of a job. */
    class JobRemoved extends DBusSignal {
        private final UInt32 jobId;
        private final DBusPath job;
        private final String unit;
        private final String result;

        public JobRemoved(String path, UInt32 jobId, DBusPath job, String unit, String result) throws DBusException {
            super(path, jobId, job, unit, result);
            this.jobId = jobId;
            this.job = job;
            this.unit = unit;
            this.result = result;
        }

        public long jobId() {
            return jobId.longValue();
        }

        public String jobPath() {
            return job.getPath();
        }

        public String unit() {
            return unit;
        }

        public String result() {
            return result;
        }
    }

    /** {@code Reloading(b active)}: true before a daemon-reload, false after it. */
    class Reloading extends DBusSignal {
        private final boolean active;

        public Reloading(String path, boolean active) throws DBusException {
            super(path, active);
            this.active = active;
        }

        public boolean active() {
            return active;
        }
    }

    /** {@code UnitFilesChanged()}: enablement changed on disk; UnitFileState must be read again. */
    class UnitFilesChanged extends DBusSignal {
        public UnitFilesChanged(String path) throws DBusException {
            super(path);
        }
    }
}
