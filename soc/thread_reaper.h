// Ends the thread processes still waiting when a run stops.
//
// SystemC does not unwind a suspended thread's stack when the simulation
// ends: the objects its frames own (a driver's command words and surfaces
// in a job stream still submitting, an engine's job state) are never
// destroyed, which LeakSanitizer reports as leaks. reap() kills every
// thread process of the design that has not terminated; kill() throws
// sc_unwind_exception in each, so its destructors run. SystemC 2.3.4
// crashes on kill() from sc_main while the simulation is paused, so the
// kills happen in a method process of this module, run in a delta cycle at
// the current time (no simulated time passes).
//
// Construct during elaboration (before the first sc_start); call reap()
// once, after the last sc_start and after everything the run reports has
// been read from the models.
#pragma once

#include <systemc>

namespace socsim::soc {

class ThreadReaper : public sc_core::sc_module {
public:
    explicit ThreadReaper(sc_core::sc_module_name name);

    // Kills the waiting threads; returns how many it killed.
    size_t reap();

private:
    void kill_waiting();

    sc_core::sc_event request_;
    bool done_ = false;
    size_t killed_ = 0;
};

}  // namespace socsim::soc
