namespace Tidegate.Domain.Payments;

/// <summary>The money side of a move: charge the difference, refund it, or nothing.</summary>
public readonly record struct MovePrice(int OldAmount, int NewAmount)
{
    public int Difference => NewAmount - OldAmount;
    public int ToCharge => Math.Max(0, Difference);
    public int ToRefund => Math.Max(0, -Difference);
}
