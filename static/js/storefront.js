// The storefront: search suggestions by keyboard, autofocus on large screens, sort on change,
// the photo gallery and the share button. No inline scripts (the CSP forbids them).
(function () {
  "use strict";

  // --- suggestions: <input data-suggest aria-controls="LISTBOX"> filled by htmx ------------

  function listboxOf(input) {
    return document.getElementById(input.getAttribute("aria-controls"));
  }

  function options(listbox) {
    return listbox ? Array.from(listbox.querySelectorAll("[role=option]")) : [];
  }

  function setActive(input, index) {
    const listbox = listboxOf(input);
    const all = options(listbox);
    all.forEach(function (option, i) {
      const active = i === index;
      option.classList.toggle("active", active);
      option.setAttribute("aria-selected", active ? "true" : "false");
      if (active) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function activeIndex(input) {
    const current = input.getAttribute("aria-activedescendant");
    return options(listboxOf(input)).findIndex(function (option) {
      return option.id === current;
    });
  }

  function showList(input, open) {
    const listbox = listboxOf(input);
    if (!listbox) {
      return;
    }
    const visible = open && options(listbox).length > 0;
    listbox.hidden = !visible;
    input.setAttribute("aria-expanded", visible ? "true" : "false");
    if (!visible) {
      setActive(input, -1);
    }
  }

  document.addEventListener("keydown", function (event) {
    const input = event.target.closest ? event.target.closest("[data-suggest]") : null;
    if (!input) {
      return;
    }
    const all = options(listboxOf(input));
    const index = activeIndex(input);
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      showList(input, true);
      setActive(input, (index + 1) % all.length);
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      showList(input, true);
      setActive(input, index <= 0 ? all.length - 1 : index - 1);
    } else if (event.key === "Enter" && index >= 0 && input.getAttribute("aria-expanded") === "true") {
      event.preventDefault();
      window.location.assign(all[index].href);
    } else if (event.key === "Escape" && input.getAttribute("aria-expanded") === "true") {
      // The first Escape closes the list; the next one clears the field (as the browser does).
      event.preventDefault();
      showList(input, false);
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const listbox = event.detail.target;
    const input = document.querySelector("[data-suggest][aria-controls='" + listbox.id + "']");
    if (input) {
      setActive(input, -1);
      showList(input, document.activeElement === input && input.value.trim().length > 0);
    }
  });

  document.addEventListener("focusout", function (event) {
    const input = event.target.closest ? event.target.closest("[data-suggest]") : null;
    if (input) {
      // Leave time for a click on a suggestion to land before the list closes.
      window.setTimeout(function () {
        const listbox = listboxOf(input);
        if (listbox && !listbox.contains(document.activeElement)) {
          showList(input, false);
        }
      }, 150);
    }
  });

  document.addEventListener("focusin", function (event) {
    const input = event.target.closest ? event.target.closest("[data-suggest]") : null;
    if (input && input.value.trim()) {
      showList(input, true);
    }
  });

  // --- autofocus on desktops only (on a phone it would pop the keyboard over the page) ------

  const focusable = document.querySelector("[data-autofocus-desktop]");
  if (focusable && window.matchMedia("(min-width: 992px)").matches) {
    focusable.focus({ preventScroll: true });
  }

  // --- a select that applies itself: <select data-autosubmit> -------------------------------

  document.addEventListener("change", function (event) {
    const select = event.target.closest ? event.target.closest("[data-autosubmit]") : null;
    if (select && select.form) {
      select.form.requestSubmit();
    }
  });

  // --- gallery: thumbnails swap the main photo ----------------------------------------------

  document.addEventListener("click", function (event) {
    const thumb = event.target.closest ? event.target.closest("[data-gallery-thumb]") : null;
    if (!thumb) {
      return;
    }
    const gallery = thumb.closest("[data-gallery]");
    const main = gallery && gallery.querySelector("[data-gallery-main]");
    if (!main) {
      return;
    }
    event.preventDefault();
    main.src = thumb.dataset.full;
    gallery.querySelector("[data-gallery-link]").href = thumb.dataset.full;
    gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
      other.classList.toggle("active", other === thumb);
      if (other === thumb) {
        other.setAttribute("aria-current", "true");
      } else {
        other.removeAttribute("aria-current");
      }
    });
  });

  // --- share: the system share sheet where there is one, else copy the link ----------------

  function showFallback(button) {
    const fallback = document.querySelector("[data-share-fallback]");
    if (fallback) {
      fallback.hidden = false;
      const field = fallback.querySelector("input");
      field.focus();
      field.select();
    }
    announce(button, button.dataset.shareFailed);
  }

  function announce(button, message) {
    const status = button.parentElement.querySelector("[data-share-status]");
    if (status) {
      status.textContent = message;
    }
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest ? event.target.closest("[data-share]") : null;
    if (!button) {
      return;
    }
    const data = { title: button.dataset.shareTitle, url: button.dataset.shareUrl };
    if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
      navigator.share(data).catch(function (error) {
        if (error && error.name !== "AbortError") {
          showFallback(button);
        }
      });
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(data.url).then(
        function () {
          announce(button, button.dataset.shareCopied);
        },
        function () {
          showFallback(button);
        }
      );
    } else {
      showFallback(button);
    }
  });
})();
