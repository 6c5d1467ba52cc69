// Sizes every <iframe data-activation-playground> of a page to the height its
// playground reports ({type: 'activation-playground:size', height}), trusting a
// message only from that very frame, never below data-min-height (200 px).
(function () {
  addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'activation-playground:size' || typeof d.height !== 'number' || !(d.height > 0)) return;
    var frames = document.querySelectorAll('iframe[data-activation-playground]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== e.source) continue;
      var floor = Number(frames[i].getAttribute('data-min-height')) || 200;
      frames[i].style.height = Math.max(floor, Math.min(50000, Math.ceil(d.height))) + 'px';
    }
  });
})();
