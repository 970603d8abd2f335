using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;

namespace Tidegate.Domain.Tests.Staff;

public class LastAdminTests
{
    [Theory]
    // role, disabled, new role, new disabled, other active admins, refused
    [InlineData("admin", false, "operator", false, 0, true)]   // the last admin demoted
    [InlineData("admin", false, "analyst", false, 0, true)]
    [InlineData("admin", false, "admin", true, 0, true)]       // the last admin disabled
    [InlineData("admin", false, "operator", true, 0, true)]
    [InlineData("admin", false, "operator", false, 1, false)]  // another admin is left
    [InlineData("admin", false, "admin", true, 2, false)]
    [InlineData("admin", false, "admin", false, 0, false)]     // no change
    [InlineData("admin", true, "operator", false, 0, false)]   // a disabled admin is not the last one
    [InlineData("admin", true, "admin", true, 0, false)]
    [InlineData("operator", false, "analyst", true, 0, false)] // not an admin: nothing to keep
    [InlineData("operator", false, "admin", false, 0, false)]  // promotion
    public void Only_taking_away_the_last_active_admin_is_refused(string role, bool disabled, string newRole, bool newDisabled, long others, bool refused) =>
        Assert.Equal(refused ? ErrorCodes.LastAdmin : null, LastAdmin.Check(role, disabled, newRole, newDisabled, others)?.Code);
}
