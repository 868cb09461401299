package io.github.rootlesspanel.systemd;

/**
 * Every failure of the user-manager client, as one of a few kinds with a sentence a user understands.
 * {@link #detail()} keeps systemd's own words (error name and message) for the details view and logs.
 */
public abstract sealed class SystemdException extends Exception
        permits SystemdException.NoSuchUnit, SystemdException.UnitMasked, SystemdException.NotApplicable,
                SystemdException.AccessDenied, SystemdException.BusUnavailable, SystemdException.Failed {

    private static final long serialVersionUID = 1L;
    private final String detail;

    protected SystemdException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = detail == null ? "" : detail;
    }

    /** systemd's or D-Bus's own text, for "details"; may be empty. */
    public String detail() {
        return detail;
    }

    /** The unit (file) does not exist. */
    public static final class NoSuchUnit extends SystemdException {
        private static final long serialVersionUID = 1L;

        public NoSuchUnit(String unit, String detail, Throwable cause) {
            super(unit + " is not installed: systemd has no unit file of that name.", detail, cause);
        }
    }

    /** The unit is masked and cannot be started or enabled until unmasked. */
    public static final class UnitMasked extends SystemdException {
        private static final long serialVersionUID = 1L;

        public UnitMasked(String unit, String detail, Throwable cause) {
            super(unit + " is masked. Unmask it (systemctl --user unmask " + unit + ") before starting or enabling it.",
                    detail, cause);
        }
    }

    /** The operation does not apply to this unit (no [Install] section, refuses manual start, ...). */
    public static final class NotApplicable extends SystemdException {
        private static final long serialVersionUID = 1L;

        public NotApplicable(String message, String detail, Throwable cause) {
            super(message, detail, cause);
        }
    }

    /** The bus refused us (another user's manager, a policy). */
    public static final class AccessDenied extends SystemdException {
        private static final long serialVersionUID = 1L;

        public AccessDenied(String detail, Throwable cause) {
            super("The user manager refused the request (access denied).", detail, cause);
        }
    }

    /** No connection to the user bus or the user manager, right now or in the middle of a job. */
    public static final class BusUnavailable extends SystemdException {
        private static final long serialVersionUID = 1L;

        public BusUnavailable(String message, String detail, Throwable cause) {
            super(message, detail, cause);
        }
    }

    /** Anything else systemd said no to; the message carries its reason. */
    public static final class Failed extends SystemdException {
        private static final long serialVersionUID = 1L;

        public Failed(String message, String detail, Throwable cause) {
            super(message, detail, cause);
        }
    }
}
