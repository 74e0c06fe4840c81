#include "sim/engine/simgrid_setup.hpp"

#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <spdlog/fmt/fmt.h>
#include <xbt/config.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace afdsim {

namespace {

constexpr const char* kCfgPrefix = "--cfg=";
constexpr const char* kLogPrefix = "--log=";
// Model names SimGrid 3.32 accepts; any other aborts the process at platform load.
const std::vector<std::string> kNetworkModels = {"LV08", "Constant", "SMPI", "IB", "CM02", "ns-3"};

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// Applies one "key:value" setting. SimGrid throws on an unknown key or a malformed value; a bad
// model name it would only catch later, by aborting.
void apply_setting(const std::string& setting, const std::string& where, const std::string& key,
                   std::map<std::string, std::string>& applied)
{
  const size_t colon = setting.find(':');
  if (colon == std::string::npos || colon == 0)
    throw InputError(where, key, "'" + setting + "' is not of the form key:value");
  const std::string name = setting.substr(0, colon);
  const std::string value = setting.substr(colon + 1);
  if (name == "network/model" && std::find(kNetworkModels.begin(), kNetworkModels.end(), value) == kNetworkModels.end())
    throw InputError(where, key, "'" + setting + "': unknown network model (SimGrid 3.32 has LV08, Constant, SMPI, IB, CM02, ns-3)");
  try {
    simgrid::config::set_parse(setting);
  } catch (const std::exception& e) {
    throw InputError(where, key, "'" + setting + "': " + first_line(e.what()));
  }
  applied[name] = value;
}

// One process, one engine (see the header).
void claim_the_process_engine()
{
  static bool engine_created = false;
  if (engine_created)
    throw std::logic_error("SimGrid 3.32 allows one simulation per process; run the next one in a child "
                           "process (run_in_child_process)");
  engine_created = true;
}

} // namespace

const std::vector<std::string>& default_simgrid_settings()
{
  static const std::vector<std::string> defaults = {"network/model:CM02", "network/crosstraffic:0",
                                                    "network/TCP-gamma:0"};
  return defaults;
}

namespace {

// SimGrid's trace-integration CPU model. With one op at a time per GPU it gives the default
// (Lazy) model's timings without its max-min solver (docs/performance.md), and a sleep there
// queues like an exec, so platform.compute: sleep gives the exec's results exactly. Not when the
// user turns SimGrid's own tracing or a plugin on: they need the default model (3.32 crashes).
void choose_cpu_model(std::map<std::string, std::string>& applied)
{
  if (applied.count("cpu/optim") || simgrid::config::get_value<bool>("tracing") ||
      !simgrid::config::get_value<std::string>("plugin").empty())
    return;
  apply_setting("cpu/optim:TI", "afdsim", "CPU model", applied);
}

} // namespace

SimgridEngine start_simgrid(const Scenario& scenario, const std::vector<std::string>& simgrid_args)
{
  std::vector<std::string> log_args = {"afdsim", "--log=xbt_cfg.thres:warning"};  // settings are reported, not logged
#ifdef AFDSIM_SANITIZE
  // AddressSanitizer cannot follow SimGrid's raw context switches between actor stacks (false
  // positives may follow its warnings); with one thread per actor every stack is a thread's. The
  // factory is chosen when the engine is created, so it goes on the engine's command line.
  log_args.emplace_back("--cfg=contexts/factory:thread");
#endif
  std::vector<std::string> cfg_args;
  for (const auto& arg : simgrid_args) {
    if (starts_with(arg, kLogPrefix))
      log_args.push_back(arg);
    else if (starts_with(arg, kCfgPrefix))
      cfg_args.push_back(arg.substr(std::string(kCfgPrefix).size()));
    else
      throw InputError("command line", arg, "only --cfg=key:value and --log=... pass through to SimGrid");
  }
  const std::string& platform_file = scenario.platform.resolved_file;
  if (!std::ifstream(platform_file))
    throw InputError(scenario.source_file, "platform.file", "cannot read '" + platform_file + "'");

  claim_the_process_engine();
  std::vector<char*> argv;
  for (auto& a : log_args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(log_args.size());
  SimgridEngine result;
  try {
    result.engine = std::make_unique<simgrid::s4u::Engine>(&argc, argv.data());
  } catch (const std::exception& e) {  // a malformed --log= setting
    throw InputError("command line", "--log", first_line(e.what()));
  }
  reclaim_interrupt_handlers();  // the engine has just installed its own SIGINT handler

  // Order matters: models must be chosen before the platform loads; later settings win.
  std::map<std::string, std::string> applied;
  for (const auto& s : default_simgrid_settings())
    apply_setting(s, "afdsim", "network defaults", applied);
  for (const auto& s : scenario.platform.simgrid_cfg)
    apply_setting(s, scenario.source_file, "platform.simgrid_cfg", applied);
  for (const auto& s : cfg_args)
    apply_setting(s, "command line", "--cfg", applied);
  choose_cpu_model(applied);

  try {
    result.engine->load_platform(platform_file);
  } catch (const std::exception& e) {  // malformed XML, unknown link in a route...
    throw InputError(scenario.source_file, "platform.file", "'" + platform_file + "': " + first_line(e.what()));
  }
  result.engine->seal_platform();  // 3.32 seals lazily; routes of Floyd zones exist only after

  result.config = applied;
  result.config["network/model"] = simgrid::config::get_value<std::string>("network/model");
  result.config["network/crosstraffic"] = simgrid::config::get_value<bool>("network/crosstraffic") ? "1" : "0";
  result.config["network/TCP-gamma"] = fmt::format("{}", simgrid::config::get_value<double>("network/TCP-gamma"));
  result.config["cpu/optim"] = simgrid::config::get_value<std::string>("cpu/optim");
  result.compute = scenario.platform.compute == ComputeActivity::sleep && result.config["cpu/optim"] == "TI"
                       ? ComputeActivity::sleep
                       : ComputeActivity::exec;
  result.shortest_sleep_s = simgrid::config::get_value<double>("surf/precision");
  return result;
}

} // namespace afdsim
