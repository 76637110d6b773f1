using System;

namespace DynLang.Runtime;

/// <summary>
/// Says which network object an argument error belongs to ("Synapses 'Ce' (Excitatory),
/// pre-synaptic delays: …") while keeping its type, parameter name and value, so that callers can
/// still catch <see cref="ArgumentOutOfRangeException"/> where the runtime throws one.
/// </summary>
public static class ErrorContext
{
    /// <summary>A copy of <paramref name="error"/> whose message starts with <paramref name="context"/>.</summary>
    public static ArgumentException Prefix(ArgumentException error, string context)
    {
        ArgumentNullException.ThrowIfNull(error);
        string message = context + ": " + BareMessage(error);
        return error switch
        {
            ArgumentOutOfRangeException range => new ArgumentOutOfRangeException(range.ParamName, range.ActualValue, message),
            ArgumentNullException => new ArgumentNullException(error.ParamName, message),
            _ => new ArgumentException(message, error.ParamName, error),
        };
    }

    /// <summary>The message without the " (Parameter 'x')" and "Actual value was …" that .NET appends.</summary>
    private static string BareMessage(ArgumentException error)
    {
        string message = error.Message;
        int actual = message.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
        if (actual >= 0) message = message.Substring(0, actual);
        if (error.ParamName is { } name)
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message.Substring(0, message.Length - suffix.Length);
        }
        return message;
    }
}
