namespace DynLang.Benchmarks;

/// <summary>
/// The hand-written baseline for the Gray–Scott step: what a person writes without DynLang — one
/// thread, scalar, periodic boundaries by wrapping the neighbour indices, two buffers swapped
/// after each step. The arithmetic is the reference's bit-exact order (shared/reference/README.md,
/// gray_scott_heat): lap = (((up + down) + left) + right) − 4·u; uvv = (u·v)·v;
/// u' = u + dt·((Du·lap_u − uvv) + F·(1 − u)); v' = v + dt·((Dv·lap_v + uvv) − (F + k)·v).
/// </summary>
public sealed class ScalarGrayScott
{
    public const double Du = 0.16, Dv = 0.08, F = 0.035, K = 0.065;

    private double[] _u, _v, _uNext, _vNext;

    public ScalarGrayScott(int size)
    {
        Size = size;
        _u = new double[size * size];
        _v = new double[size * size];
        _uNext = new double[size * size];
        _vNext = new double[size * size];
        SetReferenceStart();
    }

    public int Size { get; }

    public double[] U => _u;

    public double[] V => _v;

    /// <summary>
    /// The reference's start scaled to the grid: u = 1, v = 0, except a centred square (rows and
    /// columns 118…137 of 256, i.e. from size/2 − 10 to size/2 + 9) where u = 0.5, v = 0.25.
    /// </summary>
    public void SetReferenceStart()
    {
        int n = Size;
        Array.Fill(_u, 1.0);
        Array.Fill(_v, 0.0);
        for (int i = n / 2 - 10; i < n / 2 + 10; i++)
        for (int j = n / 2 - 10; j < n / 2 + 10; j++)
        {
            _u[i * n + j] = 0.5;
            _v[i * n + j] = 0.25;
        }
    }

    /// <summary>One explicit Euler step of dt (1 in the reference) over the whole grid.</summary>
    public void Step(double dt)
    {
        int n = Size;
        double[] u = _u, v = _v, un = _uNext, vn = _vNext;
        const double fk = F + K;
        for (int i = 0; i < n; i++)
        {
            int up = (i == 0 ? n - 1 : i - 1) * n, down = (i == n - 1 ? 0 : i + 1) * n, row = i * n;
            for (int j = 0; j < n; j++)
            {
                int left = j == 0 ? n - 1 : j - 1, right = j == n - 1 ? 0 : j + 1;
                double uc = u[row + j], vc = v[row + j];
                double lapU = (((u[up + j] + u[down + j]) + u[row + left]) + u[row + right]) - 4.0 * uc;
                double lapV = (((v[up + j] + v[down + j]) + v[row + left]) + v[row + right]) - 4.0 * vc;
                double uvv = (uc * vc) * vc;
                un[row + j] = uc + dt * ((Du * lapU - uvv) + F * (1.0 - uc));
                vn[row + j] = vc + dt * ((Dv * lapV + uvv) - fk * vc);
            }
        }
        (_u, _uNext) = (_uNext, _u);
        (_v, _vNext) = (_vNext, _v);
    }
}
