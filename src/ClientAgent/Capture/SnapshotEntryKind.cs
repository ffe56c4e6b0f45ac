namespace ClientAgent.Capture;

public enum SnapshotEntryKind
{
    File,
    Directory,
    Link,
}
