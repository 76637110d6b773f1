"""Writes the small .npy/.npz files that the IO tests read, with real numpy (1.24.2 made the
committed ones), so the reader is checked against numpy's own output and not only against
this library's writer. Run from this folder: python3 make_files.py. Values are chosen so the
tests can recompute them: a[k] = k + 0.25 (floats), k - 3 (ints), matrices m[r, c] = 10*r + c."""
import numpy as np
import numpy.lib.format as fmt

np.save("f8_big_endian.npy", (np.arange(5) + 0.25).astype(">f8"))
np.save("f4_little.npy", (np.arange(5) + 0.25).astype("<f4"))
np.save("i8_little.npy", (np.arange(7) - 3).astype("<i8"))
np.save("i2_big_endian.npy", (np.arange(7) - 3).astype(">i2"))
np.save("u1.npy", np.arange(7).astype("u1"))
np.save("bool.npy", np.array([True, False, True, True, False]))
m = np.array([[10 * r + c for c in range(4)] for r in range(3)], dtype="<f8")
np.save("matrix_c_order.npy", m)
np.save("matrix_fortran_order.npy", np.asfortranarray(m))
np.save("i4_3d_fortran.npy", np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)))
np.save("scalar_f8.npy", np.float64(2.5))
np.save("unicode.npy", np.array(["a", "bc"]))
np.save("structured.npy", np.zeros(3, dtype=[("x", "<f8"), ("y", "<i4")]))
with open("f8_version2.npy", "wb") as f:
    fmt.write_array(f, np.arange(5) + 0.25, version=(2, 0))
with open("f8_version3.npy", "wb") as f:
    fmt.write_array(f, np.arange(5) + 0.25, version=(3, 0))
np.savez("stored.npz", a=np.arange(4, dtype="<i4"), b=np.arange(3) + 0.25)
np.savez_compressed("deflated.npz", a=np.arange(4, dtype="<i4"), b=np.arange(3) + 0.25)
