// Inside WeChat, with an official account configured: share this page with its own title,
// description and image (the Open Graph tags in <head>). The signature comes from the server
// (core/wechat.py); without it WeChat shares the page as it would anyway.
(function () {
  "use strict";
  const meta = (selector) => {
    const element = document.querySelector(selector);
    return element ? element.getAttribute("content") : "";
  };
  const endpoint = meta('meta[name="yizhan-wechat-config"]');
  if (!endpoint || !window.wx) {
    return;
  }
  const pageUrl = window.location.href.split("#")[0];
  fetch(endpoint + "?url=" + encodeURIComponent(pageUrl), { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((config) => {
      window.wx.config(Object.assign({ debug: false }, config));
      window.wx.ready(() => {
        const share = {
          title: meta('meta[property="og:title"]') || document.title,
          desc: meta('meta[property="og:description"]'),
          link: pageUrl,
          imgUrl: meta('meta[property="og:image"]'),
        };
        window.wx.updateAppMessageShareData(share);
        window.wx.updateTimelineShareData({ title: share.title, link: share.link, imgUrl: share.imgUrl });
      });
    })
    .catch(() => {});
})();
