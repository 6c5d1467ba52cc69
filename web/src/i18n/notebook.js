// The notebook bridge's strings (share panel, compare rows), English and Korean side by side.
export const NOTEBOOK_STRINGS = {
  en: {
    notebookTitle: 'To a notebook and back',
    notebookHint: 'The current setup as a Python script that builds and trains it, its weights as NumPy .npz, and the data as IDX files for the script\'s --idx. Weights trained there load back through Upload weights.',
    exportPytorch: 'PyTorch script (.py)',
    exportKeras: 'Keras script (.py)',
    downloadNpz: 'Weights (.npz)',
    downloadIdx: 'Data as IDX files (.zip)',
    colExport: 'Export',
    exportRunPytorch: 'PyTorch script of the {name} run',
  },
  ko: {
    notebookTitle: '노트북으로, 그리고 다시 여기로',
    notebookHint: '지금 설정을 만들고 학습하는 Python 스크립트, 그 가중치(NumPy .npz), 스크립트의 --idx로 읽을 IDX 데이터 파일. 거기서 학습한 가중치는 가중치 올리기로 다시 불러옵니다.',
    exportPytorch: 'PyTorch 스크립트 (.py)',
    exportKeras: 'Keras 스크립트 (.py)',
    downloadNpz: '가중치 (.npz)',
    downloadIdx: 'IDX 데이터 파일 (.zip)',
    colExport: '내보내기',
    exportRunPytorch: '{name} 실행의 PyTorch 스크립트',
  },
};
