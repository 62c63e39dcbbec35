# BI client test: R's RPostgreSQL (Debian r-cran-rpostgresql) reads one statistic
# of each family (test/clients/families.txt) as plain columns: each column's R
# class from its PostgreSQL type, each value the server's text read back, and
# no warning (an unexpanded composite would warn "unrecognized field type").
# RPostgreSQL reads bigint as a double: exact for counts below 2^53.
suppressMessages(library(RPostgreSQL))
con <- dbConnect(PostgreSQL(), host = Sys.getenv("PGHOST"), port = as.integer(Sys.getenv("PGPORT", "5432")),
                 user = Sys.getenv("PGUSER"), password = Sys.getenv("PGPASSWORD"), dbname = Sys.getenv("PGDATABASE"))
n <- 0; failed <- 0
ok <- function(cond, what) {
  n <<- n + 1
  if (!isTRUE(cond)) failed <<- failed + 1
  cat(sprintf("%sok %d - RPostgreSQL: %s\n", if (isTRUE(cond)) "" else "not ", n, what))
}
rclass <- c("double precision" = "numeric", "integer" = "integer", "bigint" = "numeric", "text" = "character",
            "boolean" = "logical")
lines <- readLines(Sys.getenv("CAREGAP_FAMILIES", "test/clients/families.txt"), encoding = "UTF-8")
for (line in lines[nzchar(lines) & !startsWith(lines, "#")]) {
  tab <- regexpr("\t", line, fixed = TRUE)
  label <- substr(line, 1, tab - 1); sql <- substr(line, tab + 1, nchar(line))
  cols <- dbGetQuery(con, sprintf("SELECT column_name, column_type::text AS type FROM caregap.query_columns('%s') ORDER BY ordinal",
                                  gsub("'", "''", sql, fixed = TRUE)))
  texts <- lapply(cols$column_name, function(cn)
    strsplit(dbGetQuery(con, sprintf("SELECT string_agg(coalesce(q.\"%s\"::text, '\\N'), chr(31)) AS t FROM (%s) q", cn, sql))$t,
             "\x1f", fixed = TRUE)[[1]])
  warned <- character(0)
  df <- withCallingHandlers(dbGetQuery(con, sql), warning = function(w) {
    warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
  shape <- identical(names(df), cols$column_name) && all(cols$type %in% names(rclass)) &&
    nrow(df) == length(texts[[1]]) && length(warned) == 0
  ok(shape, sprintf("%s: %d rows of plain columns, no warning %s", label, nrow(df), paste(warned, collapse = "; ")))
  bad <- character(0)
  for (i in seq_along(cols$column_name)) {
    if (!(cols$type[i] %in% names(rclass))) { bad <- c(bad, sprintf("%s is %s", cols$column_name[i], cols$type[i])); next }
    want <- rclass[[cols$type[i]]]
    v <- df[[i]]
    if (!identical(class(v), want)) { bad <- c(bad, sprintf("%s is %s", cols$column_name[i], class(v))); next }
    t <- texts[[i]]
    for (r in seq_along(t)) {
      same <- if (t[r] == "\\N") is.na(v[r]) else if (want == "character") identical(v[r], t[r]) else
        if (want == "logical") identical(v[r], t[r] == "true") else
        identical(as.numeric(v[r]), as.numeric(t[r]))
      if (!isTRUE(same)) bad <- c(bad, sprintf("%s row %d: %s vs %s", cols$column_name[i], r, format(v[r], digits = 17), t[r]))
    }
  }
  ok(length(bad) == 0, sprintf("%s: every value arrives as the server's, in its R class %s", label, paste(head(bad, 3), collapse = "; ")))
}
invisible(dbDisconnect(con))
cat(sprintf("1..%d\n", n))
quit(status = if (failed == 0) 0 else 1)
