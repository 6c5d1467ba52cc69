// Main-thread work in small pieces: runs UI jobs one per task, so no single
// task grows long while training news keep arriving.

/** Runs each job in its own task (the first at once). */
export function inSlices(...jobs) {
  const next = () => {
    const job = jobs.shift();
    if (!job) return;
    job();
    if (jobs.length) setTimeout(next, 0);
  };
  next();
}
