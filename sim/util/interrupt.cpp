#include "sim/util/interrupt.hpp"

#include <csignal>
#include <cstring>

namespace afdsim {

namespace {

// A signal handler can reach nothing but globals; these two are the only ones, written by the
// handler (the signal) and by InterruptHandlers (whether ours are installed).
volatile std::sig_atomic_t g_signal = 0;
bool g_installed = false;

constexpr int kSignals[] = {SIGINT, SIGTERM};
struct sigaction g_previous[2];

extern "C" void record_signal(int signal) { g_signal = signal; }

void install()
{
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = static_cast<int>(SA_RESETHAND | SA_RESTART);  // a second signal: the default action, death
  for (int signal : kSignals)
    sigaction(signal, &action, nullptr);
}

} // namespace

InterruptHandlers::InterruptHandlers()
{
  g_signal = 0;
  for (int i = 0; i < 2; ++i)
    sigaction(kSignals[i], nullptr, &g_previous[i]);
  install();
  g_installed = true;
}

InterruptHandlers::~InterruptHandlers()
{
  for (int i = 0; i < 2; ++i)
    sigaction(kSignals[i], &g_previous[i], nullptr);
  g_installed = false;
}

void reclaim_interrupt_handlers()
{
  if (!g_installed)
    return;
  if (g_signal == 0) {
    install();
    return;
  }
  // One signal came already and reset our handler: a second one kills, whatever SimGrid set.
  for (int signal : kSignals)
    std::signal(signal, SIG_DFL);
}

int interrupt_signal() { return g_signal; }

void request_interrupt(int signal) { g_signal = signal; }

void clear_interrupt() { g_signal = 0; }

std::string signal_name(int signal)
{
  if (signal == SIGINT)
    return "SIGINT";
  if (signal == SIGTERM)
    return "SIGTERM";
  return "signal " + std::to_string(signal);
}

} // namespace afdsim
