namespace DynLang.Core.Symbolic
{
    /// <summary>
    /// Deterministic hashing. string.GetHashCode is randomized per process on .NET Core; hashes here only
    /// feed hash tables (never the canonical order), but keeping them stable makes runs reproducible.
    /// </summary>
    internal static class HashUtil
    {
        public static int String(string s)
        {
            unchecked
            {
                uint h = 2166136261;
                foreach (char c in s)
                {
                    h = (h ^ c) * 16777619;
                }

                return (int)h;
            }
        }

        public static int Combine(int a, int b)
        {
            unchecked
            {
                uint h = (uint)a * 0x9E3779B1u;
                h ^= (uint)b + 0x7F4A7C15u + (h << 6) + (h >> 2);
                return (int)h;
            }
        }
    }
}
