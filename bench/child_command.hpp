#pragma once
// Runs a command (no shell) and times it from outside: the whole process, start-up included.
#include <string>
#include <vector>

namespace afdsim::bench {

struct CommandRun {
  int exit_code = -1;
  std::string out;     // standard output; standard error is discarded
  double wall_s = 0;   // fork to reaped exit
};

CommandRun run_command(const std::vector<std::string>& argv);

} // namespace afdsim::bench
