namespace Chatbot.Grounding.Model;

/// <summary>
/// The logistic function the shipped models score with. It lives apart from the fitting code, which
/// only the trainers in tools/Chatbot.Tools run.
/// </summary>
public static class Logistic
{
    /// <summary>The logistic function, 1 / (1 + e^-z).</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
