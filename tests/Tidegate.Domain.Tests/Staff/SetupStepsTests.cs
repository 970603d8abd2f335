using Tidegate.Domain.Staff;

namespace Tidegate.Domain.Tests.Staff;

public class SetupStepsTests
{
    [Theory]
    [InlineData("admin", false, true, "")]
    [InlineData("admin", false, false, "second_factor")]
    [InlineData("admin", true, false, "password second_factor")]
    [InlineData("admin", true, true, "password")]
    [InlineData("operator", false, false, "second_factor")]
    [InlineData("operator", true, true, "password")]
    [InlineData("analyst", false, false, "")] // analysts may enrol but need not
    [InlineData("analyst", true, false, "password")]
    [InlineData("analyst", true, true, "password")]
    public void Steps_left_before_a_full_session(string role, bool mustChangePassword, bool enrolled, string expected) =>
        Assert.Equal(expected, string.Join(' ', SetupSteps.Required(role, mustChangePassword, enrolled)));
}
