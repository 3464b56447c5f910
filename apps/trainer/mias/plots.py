"""Figures both trainers draw the same way: the end of a ROC plot, and the reliability plot."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from metrics import reliability_bins  # noqa: E402


def finish_roc(fig, ax, title, path, xlabel="1 - specificity", ylabel="sensitivity"):
    """Chance diagonal, labels, legend and grid on a ROC axis; saves the figure to `path`."""
    ax.plot([0, 1], [0, 1], color="0.8", lw=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=11)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def reliability_figure(path, y, p, label, title, outcome, xlabel, unit, dpi=110):
    """Observed `outcome` fraction against the calibrated probability in 10 bins, with the
    histogram of the probabilities (`xlabel`, counted in `unit`) below; saves it to `path`."""
    bins = reliability_bins(y, p)
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(6.0, 6.8), dpi=dpi, gridspec_kw={"height_ratios": [3, 1]}, sharex=True)
    ax.plot([0, 1], [0, 1], color="0.7", ls="--", label="perfect calibration")
    ax.plot([b[2] for b in bins], [b[3] for b in bins], "o-", color="C3", label=label)
    for b in bins:
        ax.annotate(f"n={b[1]}", (b[2], b[3]), textcoords="offset points", xytext=(5, -12), fontsize=7)
    ax.set_ylabel(f"observed {outcome} fraction")
    ax.set_title(title, fontsize=11)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    ax2.hist(p, bins=np.linspace(0, 1, 11), color="C3", alpha=0.6)
    ax2.set_xlabel(xlabel)
    ax2.set_ylabel(unit)
    ax2.set_xlim(0, 1)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
