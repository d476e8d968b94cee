// Puerto's dashboard works without this file; with it, table headers sort their columns and the
// filters apply as soon as they change.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.sortable")) {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((th, column) => th.addEventListener("click", () => sort(table, headers, th, column)));
  }
  const filters = document.querySelector("form.filters");
  if (filters) {
    for (const input of filters.querySelectorAll("input[type=checkbox], select")) {
      input.addEventListener("change", () => filters.submit());
    }
  }
});

function sort(table, headers, th, column) {
  const descending = !th.classList.contains("sorted-desc");
  headers.forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
  th.classList.add(descending ? "sorted-desc" : "sorted-asc");
  const numeric = ["COUNT", "RATE", "CHANGE"].includes(th.dataset.kind);
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const key = (row) => row.cells[column].dataset.value || "";
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    const order = numeric ? (parseFloat(x || "-1") - parseFloat(y || "-1")) : x.localeCompare(y);
    return descending ? -order : order;
  });
  rows.forEach((row) => body.appendChild(row));
}
