using Tidegate.Domain.Staff;
using static Tidegate.Domain.Staff.TotpWindow;

namespace Tidegate.Domain.Tests.Staff;

/// <summary>The code of a step is a stand-in here (the step's number as six digits): the rule is which step is accepted.</summary>
public class TotpWindowTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_795_100_400); // a step boundary
    private static string CodeOf(long step) => (step % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly long Step0 = StepAt(Start);

    public static TheoryData<int, long, Outcome> Clock => new()
    {
        // seconds the clock moved after the code's step began, the code's step offset, the outcome
        { 0, 0, Outcome.Accepted },
        { 29, 0, Outcome.Accepted },
        { 30, 0, Outcome.Accepted },   // the previous step is still accepted
        { 59, 0, Outcome.Accepted },
        { 60, 0, Outcome.Wrong },      // two steps old
        { 0, 1, Outcome.Accepted },    // a phone one step ahead
        { 0, 2, Outcome.Wrong },
        { -31, 0, Outcome.Wrong },     // a code two steps ahead of the server
    };

    [Theory, MemberData(nameof(Clock))]
    public void Accepts_the_current_step_and_one_either_side(int secondsLater, long codeStepOffset, Outcome expected)
    {
        var decision = Verify(CodeOf(Step0 + codeStepOffset), CodeOf, Start.AddSeconds(secondsLater), lastAcceptedStep: null);
        Assert.Equal(expected, decision.Outcome);
        if (expected == Outcome.Accepted) Assert.Equal(Step0 + codeStepOffset, decision.Step);
    }

    [Fact]
    public void The_same_code_twice_is_refused_and_so_is_an_older_one()
    {
        var first = Verify(CodeOf(Step0), CodeOf, Start.AddSeconds(10), null);
        Assert.Equal(Outcome.Accepted, first.Outcome);
        Assert.Equal(Outcome.Replayed, Verify(CodeOf(Step0), CodeOf, Start.AddSeconds(20), first.Step).Outcome);
        Assert.Equal(Outcome.Replayed, Verify(CodeOf(Step0 - 1), CodeOf, Start.AddSeconds(20), first.Step).Outcome);
        Assert.Equal(Outcome.Accepted, Verify(CodeOf(Step0 + 1), CodeOf, Start.AddSeconds(31), first.Step).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    public void Malformed_codes_are_wrong(string? code) =>
        Assert.Equal(Outcome.Wrong, Verify(code, CodeOf, Start, null).Outcome);
}
