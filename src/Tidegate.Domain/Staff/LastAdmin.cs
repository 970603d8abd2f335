using Tidegate.Domain.Common;

namespace Tidegate.Domain.Staff;

/// <summary>
/// An installation always keeps one admin who can sign in: a change that would take the last
/// active (not disabled) admin away, by a new role or by disabling, is refused with
/// <c>409 last_admin</c>, whoever asks (an admin demoting or disabling themselves included).
/// </summary>
public static class LastAdmin
{
    /// <param name="role">The account's role now.</param>
    /// <param name="disabled">Whether it is disabled now.</param>
    /// <param name="newRole">The role after the change.</param>
    /// <param name="newDisabled">Whether it is disabled after the change.</param>
    /// <param name="otherActiveAdmins">Active admins other than this account.</param>
    public static Error? Check(string role, bool disabled, string newRole, bool newDisabled, long otherActiveAdmins)
    {
        var isActiveAdmin = role == StaffRole.Admin && !disabled;
        var staysActiveAdmin = newRole == StaffRole.Admin && !newDisabled;
        if (!isActiveAdmin || staysActiveAdmin || otherActiveAdmins > 0) return null;
        return new Error(ErrorCodes.LastAdmin,
            "This is the last active admin: make another account admin first, or nobody could manage staff any more.");
    }
}
