using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace PruneTask.Recipes.Yaml;

/// <summary>
/// YamlDotNet's scanner, passed through, remembering where each still-open flow collection (<c>[</c> or <c>{</c>)
/// began: the scanner's own failure on one left open (an <see cref="InvalidOperationException"/>) has no position.
/// </summary>
internal sealed class FlowTrackingScanner(IScanner inner) : IScanner
{
    private readonly Stack<Mark> _open = new();
    private Token? _seen;

    /// <summary>Where the innermost flow collection not yet closed began, if any.</summary>
    public Mark? InnermostOpen => _open.Count > 0 ? _open.Peek() : null;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        Track();
        return moved;
    }

    public bool MoveNextWithoutConsuming()
    {
        var moved = inner.MoveNextWithoutConsuming();
        Track();
        return moved;
    }

    public void ConsumeCurrent() => inner.ConsumeCurrent();

    private void Track()
    {
        var token = inner.Current;
        if (token is null || ReferenceEquals(token, _seen))
        {
            return;
        }

        _seen = token;
        switch (token)
        {
            case FlowSequenceStart or FlowMappingStart:
                _open.Push(token.Start);
                break;
            case FlowSequenceEnd or FlowMappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }
    }
}
