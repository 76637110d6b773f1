using System;

namespace DynLang.Core.Symbolic
{
    /// <summary>Thrown when a symbolic operation exceeds its <see cref="SymbolicBudget"/>.</summary>
    public sealed class SymbolicBudgetExceededException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SymbolicBudgetExceededException(string operation, string message)
            : base(message)
        {
            Operation = operation;
        }

        /// <summary>The operation that ran out of budget ("expand", "together", "differentiate", ...).</summary>
        public string Operation { get; }
    }
}
