# R spdep on the same data as caregap (bench/spatial.sh): one core, warm.
# Rscript bench/r_spatial.R values.csv links.csv what nsim
#   values.csv: id,x (unit order); links.csv: i,j (ids, both directions)
#   what: local (localmoran_perm) or global (moran.mc)
# Prints "spdep_<what>_ms <ms>" for one timed call after one untimed call.
suppressMessages(library(spdep))
a <- commandArgs(trailingOnly = TRUE)
v <- read.csv(a[1]); l <- read.csv(a[2]); what <- a[3]; nsim <- as.integer(a[4])
ids <- v$id
nb <- split(match(l$j, ids), factor(match(l$i, ids), levels = seq_along(ids)))
nb <- lapply(nb, function(k) if (length(k)) sort(as.integer(k)) else 0L)
class(nb) <- "nb"; attr(nb, "region.id") <- as.character(ids)
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
run <- function() if (what == "local") localmoran_perm(v$x, lw, nsim = nsim, zero.policy = TRUE) else
  moran.mc(v$x, lw, nsim = nsim, zero.policy = TRUE)
invisible(run())
t <- system.time(run())[["elapsed"]] * 1000
cat(sprintf("spdep_%s_ms %.1f\n", what, t))
