#pragma once
// SIGINT and SIGTERM during `afdsim run`: the handler only records the signal; the simulation
// checks it before each step (sim/engine/step_gate.hpp), finishes the steps in flight, and the run
// reports them with "complete": false (docs/robustness.md).
#include <stdexcept>
#include <string>

namespace afdsim {

// While alive, SIGINT and SIGTERM are recorded instead of killing the process. Each handler
// resets itself to the default action, so a second signal kills at once. The previous handlers
// come back on destruction. One at a time per process.
class InterruptHandlers {
public:
  InterruptHandlers();
  ~InterruptHandlers();
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;
};

// Installs the handlers again if an InterruptHandlers is alive: SimGrid's engine installs its own
// SIGINT handler (which exits at once) when it starts, so the engine calls this right after.
void reclaim_interrupt_handlers();

// The signal recorded since the handlers were installed, or 0.
int interrupt_signal();
// Records `signal` as the handlers would (tests: an interrupt without a signal).
void request_interrupt(int signal);
void clear_interrupt();

// "SIGINT", "SIGTERM", else "signal N".
std::string signal_name(int signal);

// Thrown to stop a command that runs several simulations (compare) between two of them after a
// signal; the command catches it and reports what it completed.
class RunInterrupted : public std::runtime_error {
public:
  explicit RunInterrupted(int signal) : std::runtime_error("interrupted by " + signal_name(signal)), signal_(signal) {}
  int signal() const { return signal_; }

private:
  int signal_;
};

} // namespace afdsim
