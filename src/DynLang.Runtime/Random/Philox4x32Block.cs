namespace DynLang.Runtime;

/// <summary>
/// The four 32-bit words one Philox4x32 evaluation produces (128 random bits). A value type so
/// that drawing random numbers in a kernel never allocates.
/// </summary>
/// <param name="X0">Output word 0.</param>
/// <param name="X1">Output word 1.</param>
/// <param name="X2">Output word 2.</param>
/// <param name="X3">Output word 3.</param>
public readonly record struct Philox4x32Block(uint X0, uint X1, uint X2, uint X3)
{
    /// <summary>Shows the words in hexadecimal, in Random123's known-answer-vector order.</summary>
    public override string ToString() => $"{X0:x8} {X1:x8} {X2:x8} {X3:x8}";
}
