import Foundation

/// Crash injection driven by the work a child process has done, never by the clock: a kill timed
/// in milliseconds lands mid-work on one machine and after the end on a faster one, and then the
/// crash test proves nothing. Here the test watches the child's committed progress (read from the
/// database it writes) and sends SIGKILL once that progress reaches a threshold, so the kill lands
/// while work remains on any machine.
public enum ProgressKill {
  /// How a run ended.
  public enum Outcome: Equatable, Sendable {
    /// The child was killed by the SIGKILL this helper sent after its progress reached the threshold.
    case killed
    /// The child exited by itself with this status before the threshold was seen.
    case exited(Int32)
    /// The child died of a signal this helper did not send (a trap, a crash): always a failure.
    case crashed(signal: Int32)
  }

  /// Starts `process`, polls `progress` (about every `pollMicroseconds`) until it reports at
  /// least `threshold`, waits `afterMicroseconds` more so the kill can land anywhere inside the
  /// next unit of work, then kills the child with SIGKILL and reaps it.
  ///
  /// A poll that throws (for example a database busy for longer than its timeout) counts as
  /// "not yet"; the child's own exit always ends the wait.
  public static func run(
    _ process: Process, killWhen progress: () throws -> Int, reaches threshold: Int,
    afterMicroseconds: UInt32 = 0, pollMicroseconds: UInt32 = 2000
  ) throws -> Outcome {
    try process.run()
    var sent = false
    while process.isRunning {
      if let done = try? progress(), done >= threshold {
        if afterMicroseconds > 0 { usleep(afterMicroseconds) }
        if process.isRunning {
          kill(process.processIdentifier, SIGKILL)
          sent = true
        }
        break
      }
      usleep(pollMicroseconds)
    }
    process.waitUntilExit()
    guard process.terminationReason == .uncaughtSignal else { return .exited(process.terminationStatus) }
    if sent && process.terminationStatus == SIGKILL { return .killed }
    return .crashed(signal: process.terminationStatus)
  }
}
