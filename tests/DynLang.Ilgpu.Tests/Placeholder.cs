namespace DynLang.Ilgpu.Tests; public class Placeholder {}
