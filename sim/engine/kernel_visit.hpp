#pragma once
// Several changes to the simulated world in one visit to the SimGrid kernel. Every s4u call that
// starts something (a receive, a send, an exec) hands control to SimGrid's maestro and back, and
// the hand-over costs more than the change; s4u calls made inside a visit run directly. The
// changes happen at the current simulated time, in the order given, and must not block. s4u
// objects that record their actor (Mailbox::get_init/put_init, Exec::init) must be created
// before, in the actor.
#include <simgrid/s4u/Activity.hpp>
#include <simgrid/simix.hpp>

#include <utility>
#include <vector>

namespace afdsim {

template <class F>
void in_one_kernel_visit(F&& changes)
{
  simgrid::kernel::actor::simcall_answered(std::forward<F>(changes));
}

// Blocks until `activity` is done, like Activity::wait(), which in 3.32 also starts a CPU action
// per call on the waiter's host (to notice host failures, which afdsim's platforms never have);
// waiting for any of one activity, with no timeout, resumes at the same instant without it.
class ActivityWaiter {
public:
  void wait(const simgrid::s4u::ActivityPtr& activity)
  {
    one_.assign(1, activity);
    simgrid::s4u::Activity::wait_any(one_);
    one_.clear();
  }

private:
  std::vector<simgrid::s4u::ActivityPtr> one_;
};

} // namespace afdsim
