namespace PruneTask.Engine.Models;

/// <summary>A model folder that cannot be used; the message is one line that names the file, tensor or setting at fault.</summary>
public class ModelException : Exception
{
    public ModelException(string message)
        : base(message)
    {
    }

    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
