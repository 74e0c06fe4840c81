// The AFD decode pattern in plain SimGrid, with no afdsim code: the yardstick afdsim's speed is
// measured against (docs/performance.md). Same actors (r attention workers, one FFN worker), same
// ops and messages per step as `afdsim run` (per layer and microbatch: one attention op per
// attention worker, a message to the FFN, one FFN op, a message back to each worker; one LM-head
// op per attention worker and step), the same SimGrid settings as afdsim's defaults, and nothing
// else: no records, no requests, no checks.
//
//   afdsim_raw_pattern --platform FILE --workers R --microbatches M --layers L --steps S
//       --attention-us A[,A...] --ffn-us F[,F...] --lm-head-us H --a2f-bytes B[,B...] --f2a-bytes B[,B...]
//       [--compute sleep|exec] [--gather in_order|wait_any] [--cfg=KEY:VALUE]...
//
// Lists of durations and sizes: one value for all, or one per (worker, microbatch), worker-major
// (--ffn-us: one per microbatch). --compute: a GPU op as a sleep of its time (afdsim's default
// platform.compute) or as an exec of time x host speed flops. --gather: the FFN waits for its r
// inputs in worker order (as afdsim) or with wait_any. Prints one JSON line: activities,
// simulated seconds and the wall seconds of the simulation (engine creation, platform, run).
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <simgrid/simix.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace {

struct Pattern {
  std::string platform;
  int workers = 0;
  int microbatches = 0;
  int layers = 0;
  int steps = 0;
  std::vector<double> attention_s;  // index worker * m + microbatch
  std::vector<double> ffn_s;        // index microbatch
  double lm_head_s = 0;
  std::vector<uint64_t> a2f_bytes;  // index worker * m + microbatch
  std::vector<uint64_t> f2a_bytes;
  bool compute_sleeps = true;
  bool gather_in_order = true;
};

struct Shared {
  Pattern p;
  // The payload of every message only has to exist: SimGrid moves the pointer, the size on the
  // wire is separate.
  char token = 0;
  std::vector<sg4::Host*> attention_hosts;
  sg4::Host* ffn_host = nullptr;
  std::vector<sg4::Mailbox*> to_ffn;        // index worker * m + microbatch
  std::vector<sg4::Mailbox*> to_attention;  // index worker * m + microbatch
  uint64_t activities = 0;
  size_t stream(int worker, int k) const { return static_cast<size_t>(worker * p.microbatches + k); }
};

// Several s4u calls in one visit to the SimGrid kernel, as afdsim makes them
// (sim/engine/kernel_visit.hpp): a public SimGrid API, not afdsim code.
template <class F>
void in_one_kernel_visit(F&& changes)
{
  simgrid::kernel::actor::simcall_answered(std::forward<F>(changes));
}

// Activity::wait() also starts a CPU action on the waiter's host (host failures); waiting for any
// of one activity resumes at the same instant without it, as afdsim waits (kernel_visit.hpp).
// One per actor: wait_any reads the vector again when the actor resumes.
class Waiter {
public:
  void wait_for(const sg4::ActivityPtr& activity)
  {
    one_.assign(1, activity);
    sg4::Activity::wait_any(one_);
    one_.clear();
  }

private:
  std::vector<sg4::ActivityPtr> one_;
};

void compute(Shared& s, Waiter& waiter, double seconds)
{
  if (!(seconds > 0))
    return;
  sg4::Host* host = sg4::this_actor::get_host();
  const double flops = seconds * host->get_speed();
  if (s.p.compute_sleeps) {
    sg4::this_actor::sleep_for(flops / host->get_speed());
  } else {
    sg4::ExecPtr exec = sg4::Exec::init();
    in_one_kernel_visit([&exec, flops, host] { exec->set_flops_amount(flops)->set_host(host)->start(); });
    waiter.wait_for(exec);
  }
  ++s.activities;
}

// One receive always posted per stream, so a message flows as soon as it is put.
class Stream {
public:
  Stream(sg4::Mailbox* mailbox, int64_t messages) : mailbox_(mailbox), left_(messages)
  {
    prepare();
    start_prepared();
  }
  const sg4::CommPtr& pending() const { return comm_; }
  // The next receive is prepared; start_prepared() posts it (inside a shared kernel visit).
  void taken()
  {
    comm_ = nullptr;
    if (--left_ > 0)
      prepare();
  }
  void start_prepared()
  {
    if (comm_ && comm_->get_state() == sg4::Activity::State::INITED)
      comm_->start();
  }

private:
  void prepare() { comm_ = mailbox_->get_init()->set_dst_data(&payload_, sizeof(void*)); }
  sg4::Mailbox* mailbox_;
  int64_t left_;
  sg4::CommPtr comm_;
  void* payload_ = nullptr;
};

void attention(Shared& s, int i)
{
  const Pattern& p = s.p;
  Waiter waiter;
  std::vector<std::unique_ptr<Stream>> results;
  for (int k = 0; k < p.microbatches; ++k)
    results.push_back(std::make_unique<Stream>(s.to_attention[s.stream(i, k)], int64_t{p.steps} * p.layers));
  for (int step = 0; step < p.steps; ++step) {
    for (int layer = 0; layer < p.layers; ++layer)
      for (int k = 0; k < p.microbatches; ++k) {
        Stream& result = *results[static_cast<size_t>(k)];
        if (layer > 0) {
          waiter.wait_for(result.pending());
          result.taken();
        }
        compute(s, waiter, p.attention_s[s.stream(i, k)]);
        // The stream's next receive is posted with this send (its answer comes after it).
        const sg4::CommPtr comm = s.to_ffn[s.stream(i, k)]->put_init(&s.token, p.a2f_bytes[s.stream(i, k)]);
        ++s.activities;
        in_one_kernel_visit([&result, &comm] {
          result.start_prepared();
          comm->detach();
        });
      }
    for (auto& result : results) {
      waiter.wait_for(result->pending());
      result->taken();
    }
    compute(s, waiter, p.lm_head_s);
  }
}

void ffn(Shared& s)
{
  const Pattern& p = s.p;
  Waiter waiter;
  const int r = p.workers;
  std::vector<std::unique_ptr<Stream>> inputs;  // index worker * m + microbatch
  for (int i = 0; i < r; ++i)
    for (int k = 0; k < p.microbatches; ++k)
      inputs.push_back(std::make_unique<Stream>(s.to_ffn[s.stream(i, k)], int64_t{p.steps} * p.layers));
  std::vector<sg4::CommPtr> pending;
  std::vector<int> senders;
  std::vector<sg4::CommPtr> replies;
  for (int step = 0; step < p.steps; ++step)
    for (int layer = 0; layer < p.layers; ++layer)
      for (int k = 0; k < p.microbatches; ++k) {
        if (p.gather_in_order) {
          for (int i = 0; i < r; ++i) {
            waiter.wait_for(inputs[s.stream(i, k)]->pending());
            inputs[s.stream(i, k)]->taken();
          }
        } else {
          pending.clear();
          senders.clear();
          for (int i = 0; i < r; ++i) {
            pending.push_back(inputs[s.stream(i, k)]->pending());
            senders.push_back(i);
          }
          while (!pending.empty()) {
            const auto index = static_cast<size_t>(sg4::Comm::wait_any(pending));
            inputs[s.stream(senders[index], k)]->taken();
            pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(index));
            senders.erase(senders.begin() + static_cast<std::ptrdiff_t>(index));
          }
        }
        compute(s, waiter, p.ffn_s[static_cast<size_t>(k)]);
        replies.clear();
        for (int i = 0; i < r; ++i) {
          replies.push_back(s.to_attention[s.stream(i, k)]->put_init(&s.token, p.f2a_bytes[s.stream(i, k)]));
          ++s.activities;
        }
        in_one_kernel_visit([&inputs, &replies, &s, r, k] {
          for (int i = 0; i < r; ++i)
            inputs[s.stream(i, k)]->start_prepared();
          for (const auto& comm : replies)
            comm->detach();
        });
      }
}

// "gpu2" before "gpu10", as afdsim places workers.
bool natural_less(const std::string& a, const std::string& b)
{
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const bool digits = std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]));
    if (!digits) {
      if (a[i] != b[j])
        return a[i] < b[j];
      ++i;
      ++j;
      continue;
    }
    size_t ei = i;
    size_t ej = j;
    while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei])))
      ++ei;
    while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej])))
      ++ej;
    const unsigned long x = std::stoul(a.substr(i, ei - i));
    const unsigned long y = std::stoul(b.substr(j, ej - j));
    if (x != y)
      return x < y;
    i = ei;
    j = ej;
  }
  return a.size() - i < b.size() - j;
}

double number(const std::string& text, const std::string& what)
{
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(value >= 0))
    throw std::invalid_argument(what + ": not a non-negative number: '" + text + "'");
  return value;
}

int count(const std::string& text, const std::string& what)
{
  const double value = number(text, what);
  if (value < 1 || value != static_cast<int>(value))
    throw std::invalid_argument(what + ": not a positive integer: '" + text + "'");
  return static_cast<int>(value);
}

// "1,2,3" -> {1, 2, 3}; one value stands for `n` equal ones.
std::vector<double> numbers(const std::string& text, const std::string& what, size_t n)
{
  std::vector<double> values;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    values.push_back(number(item, what));
  if (values.size() == 1)
    values.assign(n, values.front());
  if (values.size() != n)
    throw std::invalid_argument(what + ": expected 1 or " + std::to_string(n) + " values, got " +
                                std::to_string(values.size()));
  return values;
}

std::vector<uint64_t> byte_counts(const std::string& text, const std::string& what, size_t n)
{
  std::vector<uint64_t> bytes;
  for (double b : numbers(text, what, n))
    bytes.push_back(static_cast<uint64_t>(b));
  return bytes;
}

Pattern parse(const std::map<std::string, std::string>& options)
{
  const auto get = [&options](const std::string& key) {
    const auto it = options.find(key);
    if (it == options.end())
      throw std::invalid_argument("missing --" + key);
    return it->second;
  };
  Pattern p;
  p.platform = get("platform");
  p.workers = count(get("workers"), "--workers");
  p.microbatches = count(get("microbatches"), "--microbatches");
  p.layers = count(get("layers"), "--layers");
  p.steps = count(get("steps"), "--steps");
  const auto streams = static_cast<size_t>(p.workers * p.microbatches);
  p.attention_s = numbers(get("attention-us"), "--attention-us", streams);
  p.ffn_s = numbers(get("ffn-us"), "--ffn-us", static_cast<size_t>(p.microbatches));
  p.lm_head_s = number(get("lm-head-us"), "--lm-head-us") * 1e-6;
  for (auto* list : {&p.attention_s, &p.ffn_s})
    for (double& seconds : *list)
      seconds *= 1e-6;
  p.a2f_bytes = byte_counts(get("a2f-bytes"), "--a2f-bytes", streams);
  p.f2a_bytes = byte_counts(get("f2a-bytes"), "--f2a-bytes", streams);
  if (options.count("compute")) {
    if (options.at("compute") != "sleep" && options.at("compute") != "exec")
      throw std::invalid_argument("--compute: sleep or exec");
    p.compute_sleeps = options.at("compute") == "sleep";
  }
  if (options.count("gather")) {
    if (options.at("gather") != "in_order" && options.at("gather") != "wait_any")
      throw std::invalid_argument("--gather: in_order or wait_any");
    p.gather_in_order = options.at("gather") == "in_order";
  }
  return p;
}

int run(int argc, char** argv)
{
  const auto start = std::chrono::steady_clock::now();
  // afdsim's defaults (sim/engine/simgrid_setup.cpp); --cfg= arguments given here come after them.
  std::vector<std::string> settings = {"--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
                                       "--cfg=network/TCP-gamma:0", "--cfg=cpu/optim:TI",
                                       "--log=xbt_cfg.thres:warning"};
  std::vector<char*> sg_args = {argv[0]};
  for (auto& setting : settings)
    sg_args.push_back(setting.data());
  std::map<std::string, std::string> options;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg.rfind("--cfg=", 0) == 0 || arg.rfind("--log=", 0) == 0) {
      sg_args.push_back(argv[a]);
    } else if (arg.rfind("--", 0) == 0 && a + 1 < argc) {
      options[arg.substr(2)] = argv[++a];
    } else {
      throw std::invalid_argument("unexpected argument '" + arg + "' (see the usage at the top of bench/raw_pattern.cpp)");
    }
  }
  Shared s;
  s.p = parse(options);
  const Pattern& p = s.p;

  int sg_argc = static_cast<int>(sg_args.size());
  sg_args.push_back(nullptr);
  sg4::Engine engine(&sg_argc, sg_args.data());
  engine.load_platform(p.platform);
  std::vector<sg4::Host*> hosts = engine.get_all_hosts();
  std::sort(hosts.begin(), hosts.end(),
            [](const sg4::Host* a, const sg4::Host* b) { return natural_less(a->get_name(), b->get_name()); });
  if (static_cast<int>(hosts.size()) < p.workers + 1)
    throw std::invalid_argument("the platform has fewer than workers + 1 hosts");
  for (int i = 0; i < p.workers; ++i) {
    s.attention_hosts.push_back(hosts[static_cast<size_t>(i)]);
    for (int k = 0; k < p.microbatches; ++k) {
      const std::string stream = "attn" + std::to_string(i) + "/mb" + std::to_string(k);
      s.to_ffn.push_back(sg4::Mailbox::by_name("ffn0<-" + stream));
      s.to_attention.push_back(sg4::Mailbox::by_name(stream + "<-ffn0"));
    }
  }
  s.ffn_host = hosts[static_cast<size_t>(p.workers)];
  for (int i = 0; i < p.workers; ++i)
    sg4::Actor::create("attn" + std::to_string(i), s.attention_hosts[static_cast<size_t>(i)], [&s, i] { attention(s, i); });
  sg4::Actor::create("ffn0", s.ffn_host, [&s] { ffn(s); });
  engine.run();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"activities\": %llu, \"simulated_s\": %.9f, \"wall_s\": %.6f}\n",
              static_cast<unsigned long long>(s.activities), sg4::Engine::get_clock(), wall_s);
  return 0;
}

} // namespace

int main(int argc, char** argv)
{
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "afdsim_raw_pattern: %s\n", e.what());
    return 2;
  }
}
