// Progressive enhancement for a page that shows work in progress: look again every 2 seconds.
// Without JavaScript the page has a link to refresh it.
setTimeout(() => window.location.reload(), 2000);
