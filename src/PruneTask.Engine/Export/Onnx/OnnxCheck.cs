namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// report.json's <c>onnx</c>: model.onnx run by ONNX Runtime against the engine's forward pass of the written model on
/// <see cref="Windows"/> windows of <see cref="SequenceLength"/> tokens (<see cref="Data"/>: evaluation, calibration or
/// random ids). <see cref="MaxAbsDifference"/> is the largest |Δ| over every logit; the run fails when it exceeds
/// <see cref="Tolerance"/> = <see cref="OnnxVerifier.RelativeTolerance"/> · max(1, <see cref="LogitScale"/>), where
/// the scale is the largest |logit| of the engine.
/// </summary>
public sealed record OnnxCheck
{
    public required string File { get; init; }

    public required long Bytes { get; init; }

    public required int Opset { get; init; }

    public required string FactoredForm { get; init; }

    public required string Runtime { get; init; }

    public required string Data { get; init; }

    public required int Windows { get; init; }

    public required int SequenceLength { get; init; }

    public required double MaxAbsDifference { get; init; }

    public required double LogitScale { get; init; }

    public required double Tolerance { get; init; }

    public bool Passed => MaxAbsDifference <= Tolerance;
}
