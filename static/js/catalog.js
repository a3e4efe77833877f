// CSV import: upload with a progress bar, then show the page the server answers (the
// row-by-row report, or the form with its error) in place. Without JavaScript the form posts
// normally and the same page comes back.
document.addEventListener("submit", function (event) {
  const form = event.target.closest("form[data-upload-progress]");
  if (!form || event.defaultPrevented || !window.FormData || !window.DOMParser) {
    return;
  }
  const progress = document.getElementById(form.getAttribute("data-upload-progress"));
  const main = document.querySelector("main");
  if (!progress || !main) {
    return;
  }
  event.preventDefault();
  const bar = progress.querySelector("progress");
  const label = progress.querySelector("[data-progress-label]");
  const button = form.querySelector("[type=submit]");
  progress.hidden = false;
  if (button) {
    button.disabled = true;
  }

  const xhr = new XMLHttpRequest();
  xhr.open("POST", form.action);
  xhr.upload.addEventListener("progress", function (e) {
    if (e.lengthComputable && bar) {
      bar.value = Math.round((e.loaded / e.total) * 100);
    }
  });
  xhr.upload.addEventListener("load", function () {
    if (bar) {
      bar.removeAttribute("value"); // indeterminate while the server checks the rows
    }
    if (label) {
      label.textContent = progress.getAttribute("data-label-process");
    }
  });
  xhr.addEventListener("load", function () {
    const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const fresh = page.querySelector("main");
    if (fresh) {
      main.replaceWith(fresh);
      window.scrollTo(0, 0);
    } else {
      form.submit();
    }
  });
  xhr.addEventListener("error", function () {
    form.submit();
  });
  xhr.send(new FormData(form));
});
